package io.vigil.bench;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import io.vigil.app.Vigil;
import io.vigil.bus.Address;
import io.vigil.bus.Addresses;
import io.vigil.bus.Commands;
import io.vigil.bus.Facts;
import io.vigil.bus.FinishedTasks;
import io.vigil.bus.RequestIds;
import io.vigil.config.ConfigLoader;
import io.vigil.config.VigilConfig;
import io.vigil.domain.Task;
import io.vigil.domain.TaskStatus;
import io.vigil.queue.handler.HandlerRegistry;

import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The Redis backend under the real engine, in process: a Vigil node started with {@link Vigil#start} on a fresh
 * key prefix (queue {@code default}, task type {@code noop}), driven only over the event bus, as HTTP would. One node
 * per process: the warm-up and every measured run go through it one after another, as through a node that has been
 * serving for a while (closing a node and starting another in between would throw away compiled code a running node
 * keeps), and every finished task is kept ({@code retention_max} raised), as BullMQ's {@code removeOnComplete: false}
 * keeps its jobs.
 * <ul>
 *   <li>{@code bulk}: the queue is paused, {@code --tasks} tasks are submitted in batches of {@code --batch}
 *   ({@code vigil.tasks.submit.batch}), then the queue is resumed and processed at {@code --concurrency}.</li>
 *   <li>{@code single}: while the queue runs, {@code --producers} producers each submit one task at a time
 *   ({@code vigil.tasks.submit}, the next after the reply) until {@code --tasks}; latency is submit to completed.
 *   Submissions go as the HTTP API sends them: with a request id, handed over without a copy.</li>
 *   <li>{@code heap}: the queue is paused and {@code --tasks} tasks wait in Redis; heap after GC before and after.</li>
 * </ul>
 * "Completed" is when the engine publishes the task in {@code vigil.queue.tasks.finished}, which happens after
 * the ack script answered, so it counts only acks Redis applied. Commands per task are the difference of
 * {@code INFO commandstats} (every command, including those run inside scripts) divided by the tasks; the Redis
 * must be otherwise idle for that number to mean anything.
 *
 * <p>Each measured {@code bulk} and {@code single} run also prints one JSON line with the keys the BullMQ peer's
 * scripts print ({@code bench/peers/bullmq/README.md}), which {@code bench/vs-bullmq.sh} puts side by side.
 * {@code --jfr FILE} records the measured run (not the warm-up) with JFR's {@code profile} settings into FILE.
 *
 * <p>Usage: {@code java -cp target/vigil.jar:bench/out io.vigil.bench.RedisQueueBench bulk|single|heap
 * [--tasks N] [--batch 1000] [--concurrency 50] [--producers 10] [--warmup N] [--runs 1] [--pool 8] [--jfr FILE]};
 * the Redis URL comes from {@code VIGIL_BENCH_REDIS_URL} (default {@code redis://127.0.0.1:6379}).
 */
public final class RedisQueueBench {
  private static final String QUEUE = "default";
  private static final DeliveryOptions SLOW = new DeliveryOptions().setSendTimeout(120_000);
  private static final long SUBMIT_TIMEOUT_MS = 120_000;
  private static final String URL = System.getenv().getOrDefault("VIGIL_BENCH_REDIS_URL", "redis://127.0.0.1:6379");

  private RedisQueueBench() {}

  public static void main(String[] args) throws Exception {
    String scenario = args.length > 0 ? args[0] : "bulk";
    int concurrency = intArg(args, "--concurrency", 50);
    int pool = intArg(args, "--pool", 8);
    int runs = intArg(args, "--runs", 1);
    String jfr = stringArg(args, "--jfr");
    switch (scenario) {
      case "bulk" -> {
        int tasks = intArg(args, "--tasks", 50_000);
        int batch = intArg(args, "--batch", 1_000);
        int warmup = intArg(args, "--warmup", 50_000);
        Profile.prime(jfr);
        try (Node node = Node.start(concurrency, pool)) {
          if (warmup > 0) bulk(node, warmup, batch, null);
          for (int i = 0; i < runs; i++) {
            bulk(node, tasks, batch, new Report(warmup, jfr == null ? null : Profile.start(jfr, i)));
          }
        }
      }
      case "single" -> {
        int tasks = intArg(args, "--tasks", 20_000);
        int producers = intArg(args, "--producers", 10);
        int warmup = intArg(args, "--warmup", 20_000);
        Profile.prime(jfr);
        try (Node node = Node.start(concurrency, pool)) {
          if (warmup > 0) single(node, warmup, producers, null);
          for (int i = 0; i < runs; i++) {
            single(node, tasks, producers, new Report(warmup, jfr == null ? null : Profile.start(jfr, i)));
          }
        }
      }
      case "heap" -> heap(intArg(args, "--tasks", 1_000_000), intArg(args, "--batch", 1_000), concurrency, pool);
      default -> throw new IllegalArgumentException("scenario must be bulk, single or heap, not " + scenario);
    }
    System.exit(0);
  }

  // ---- scenarios -------------------------------------------------------------------------------------

  /** What a measured run carries: the warm-up it had (for the JSON line) and the profile to stop, if any. */
  private record Report(int warmup, Profile profile) {}

  /** @param report null for a warm-up round (nothing printed) */
  private static void bulk(Node node, int total, int batchSize, Report report) throws Exception {
    long completedBefore = request(node.bus, Addresses.QUEUES_GET, queue()).await().getLong("completed");
    request(node.bus, Addresses.QUEUES_PAUSE, queue()).await();
    Completions done = new Completions(node.bus, total);
    long commandsBefore = node.commandCalls();
    double redisCpu0 = node.redisCpuSeconds();
    double jvmCpu0 = jvmCpuSeconds();

    if (report != null && report.profile() != null) report.profile().begin();
    long t0 = System.nanoTime();
    submitBatches(node.bus, total, batchSize);
    long t1 = System.nanoTime();
    long commandsAfterEnqueue = node.commandCalls();
    double redisCpu1 = node.redisCpuSeconds();
    double jvmCpu1 = jvmCpuSeconds();
    Map<String, Long> threads1 = threadCpu();
    long allocated1 = allocatedBytes();
    request(node.bus, Addresses.QUEUES_RESUME, queue()).await();
    done.await();
    long t2 = System.nanoTime();
    double jvmCpu2 = jvmCpuSeconds();
    Map<String, Long> threads2 = threadCpu();
    long allocated2 = allocatedBytes();
    if (report != null && report.profile() != null) report.profile().end();
    long commandsAfter = node.commandCalls();
    double redisCpu2 = node.redisCpuSeconds();

    JsonObject stats = request(node.bus, Addresses.QUEUES_GET, queue()).await();
    if (stats.getLong("completed") - completedBefore != total || stats.getLong("waiting") != 0 || stats.getLong("active") != 0) {
      throw new IllegalStateException("unexpected end state: " + stats);
    }
    if (report == null) {
      System.out.printf(Locale.ROOT, "warm-up: %d tasks, enqueue %.0f ms, process %.0f ms%n", total, ms(t1 - t0), ms(t2 - t1));
      return;
    }
    System.out.printf(Locale.ROOT, "bulk: %d tasks in batches of %d: enqueue %.0f ms, process %.0f ms at concurrency %d; "
            + "%d Redis commands (%d enqueue, %d process)%n", total, batchSize, ms(t1 - t0), ms(t2 - t1), node.concurrency,
        commandsAfter - commandsBefore, commandsAfterEnqueue - commandsBefore, commandsAfter - commandsAfterEnqueue);
    System.out.printf(Locale.ROOT, "CPU by thread group while processing:%s; heap allocated %.1f KB a task%n",
        busiest(threads1, threads2, total), (allocated2 - allocated1) / 1024.0 / total);
    System.out.printf(Locale.ROOT, "RESULT redis-bulk enqueue_per_s=%.0f processed_per_s=%.0f commands_per_task=%.2f "
            + "enqueue_commands_per_task=%.3f process_commands_per_task=%.2f enqueue_cpu_us_per_task=redis:%.1f,jvm:%.1f "
            + "process_cpu_us_per_task=redis:%.1f,jvm:%.1f%n",
        total * 1e9 / (t1 - t0), total * 1e9 / (t2 - t1), (commandsAfter - commandsBefore) / (double) total,
        (commandsAfterEnqueue - commandsBefore) / (double) total, (commandsAfter - commandsAfterEnqueue) / (double) total,
        (redisCpu1 - redisCpu0) * 1e6 / total, (jvmCpu1 - jvmCpu0) * 1e6 / total,
        (redisCpu2 - redisCpu1) * 1e6 / total, (jvmCpu2 - jvmCpu1) * 1e6 / total);
    // each window's count includes its first commandstats INFO and the cpu INFO after it
    long enqueueCommands = commandsAfterEnqueue - commandsBefore - 2;
    long processCommands = commandsAfter - commandsAfterEnqueue - 2;
    emit(new JsonObject().put("engine", "vigil").put("workload", "a").put("tasks", total).put("batch", batchSize)
        .put("concurrency", node.concurrency).put("warmup", report.warmup())
        .put("enqueue_per_s", round(total * 1e9 / (t1 - t0), 0))
        .put("processed_per_s", round(total * 1e9 / (t2 - t1), 0))
        .put("enqueue_cpu_us_per_task", round((jvmCpu1 - jvmCpu0) * 1e6 / total, 1))
        .put("process_cpu_us_per_task", round((jvmCpu2 - jvmCpu1) * 1e6 / total, 1))
        .put("redis_enqueue_cpu_us_per_task", round((redisCpu1 - redisCpu0) * 1e6 / total, 1))
        .put("redis_process_cpu_us_per_task", round((redisCpu2 - redisCpu1) * 1e6 / total, 1))
        .put("commands_per_task", round((enqueueCommands + processCommands) / (double) total, 2))
        .put("enqueue_commands_per_task", round(enqueueCommands / (double) total, 3))
        .put("process_commands_per_task", round(processCommands / (double) total, 2)));
  }

  /** @param report null for a warm-up round (nothing printed) */
  private static void single(Node node, int total, int producers, Report report) throws Exception {
    long[] latencies = new long[total];
    AtomicInteger measured = new AtomicInteger();
    // the completion can be published before the producer reads its reply: whichever comes second measures.
    // Entries hold {sentNanos, finishedNanos} with 0 for "not yet".
    Map<String, long[]> pending = new ConcurrentHashMap<>();
    java.util.function.BiConsumer<String, long[]> meet = (id, part) -> pending.compute(id, (k, seen) -> {
      if (seen == null) return part;
      long sent = Math.max(seen[0], part[0]);
      long finished = Math.max(seen[1], part[1]);
      latencies[measured.getAndIncrement()] = finished - sent;
      return null;
    });
    Completions done = new Completions(node.bus, total, task -> meet.accept(task.id(), new long[] {0, System.nanoTime()}));
    long commandsBefore = node.commandCalls();
    double redisCpu0 = node.redisCpuSeconds();
    double jvmCpu0 = jvmCpuSeconds();
    Map<String, Long> threads0 = threadCpu();
    long allocated0 = allocatedBytes();
    AtomicInteger next = new AtomicInteger();
    CountDownLatch producing = new CountDownLatch(producers);
    if (report != null && report.profile() != null) report.profile().begin();
    long uptime0 = uptimeMs();
    long t0 = System.nanoTime();
    for (int p = 0; p < producers; p++) {
      produce(node.bus, next, total, producing, (id, sent) -> meet.accept(id, new long[] {sent, 0}));
    }
    if (!producing.await(5, TimeUnit.MINUTES)) throw new IllegalStateException("producers did not finish");
    long t1 = System.nanoTime();
    done.await();
    long t2 = System.nanoTime();
    double jvmCpu1 = jvmCpuSeconds();
    Map<String, Long> threads1 = threadCpu();
    long allocated1 = allocatedBytes();
    if (report != null && report.profile() != null) report.profile().end();
    long commandsAfter = node.commandCalls();
    double redisCpu1 = node.redisCpuSeconds();
    // JVM uptime marks, to line the window up with -XX:+PrintCompilation or -Xlog output
    System.out.printf(Locale.ROOT, "%nwindow: %s from %d to %d ms of JVM uptime%n", report == null ? "warm-up" : "measured",
        uptime0, uptimeMs());
    if (report == null) {
      System.out.printf(Locale.ROOT, "warm-up: %d tasks in %.0f ms%n", total, ms(t2 - t0));
      return;
    }
    long[] sorted = Arrays.copyOf(latencies, measured.get());
    Arrays.sort(sorted);
    System.out.printf(Locale.ROOT, "single: %d tasks, %d producers one at a time: submitted in %.0f ms, all completed "
            + "after %.0f ms; latency submit->completed p50 %.1f ms, p99 %.1f ms, max %.1f ms (%d measured); %d Redis commands%n",
        total, producers, ms(t1 - t0), ms(t2 - t0), ms(percentile(sorted, 50)), ms(percentile(sorted, 99)),
        ms(sorted[sorted.length - 1]), sorted.length, commandsAfter - commandsBefore);
    System.out.printf(Locale.ROOT, "CPU by thread group:%s; heap allocated %.1f KB a task%n", busiest(threads0, threads1, total),
        (allocated1 - allocated0) / 1024.0 / total);
    System.out.printf(Locale.ROOT, "RESULT redis-single end_to_end_per_s=%.0f p50_ms=%.2f p99_ms=%.2f commands_per_task=%.2f "
            + "cpu_us_per_task=redis:%.1f,jvm:%.1f%n",
        total * 1e9 / (t2 - t0), ms(percentile(sorted, 50)), ms(percentile(sorted, 99)),
        (commandsAfter - commandsBefore) / (double) total, (redisCpu1 - redisCpu0) * 1e6 / total,
        (jvmCpu1 - jvmCpu0) * 1e6 / total);
    emit(new JsonObject().put("engine", "vigil").put("workload", "b").put("tasks", total).put("producers", producers)
        .put("concurrency", node.concurrency).put("warmup", report.warmup())
        .put("end_to_end_per_s", round(total * 1e9 / (t2 - t0), 0))
        .put("submitted_per_s", round(total * 1e9 / (t1 - t0), 0))
        .put("p50_ms", round(ms(percentile(sorted, 50)), 2))
        .put("p99_ms", round(ms(percentile(sorted, 99)), 2))
        .put("max_ms", round(ms(sorted[sorted.length - 1]), 2))
        .put("cpu_us_per_task", round((jvmCpu1 - jvmCpu0) * 1e6 / total, 1))
        .put("redis_cpu_us_per_task", round((redisCpu1 - redisCpu0) * 1e6 / total, 1))
        .put("alloc_bytes_per_task", round((allocated1 - allocated0) / (double) total, 0))
        // minus this window's two INFO calls
        .put("commands_per_task", round((commandsAfter - commandsBefore - 2) / (double) total, 2)));
  }

  private static void heap(int total, int batchSize, int concurrency, int pool) throws Exception {
    try (Node node = Node.start(concurrency, pool)) {
      request(node.bus, Addresses.QUEUES_PAUSE, queue()).await();
      submitBatches(node.bus, 10_000, batchSize); // warm the paths, so the baseline already holds their classes
      long before = heapUsedAfterGc();
      long redisBefore = node.redisUsedMemory();
      long t0 = System.nanoTime();
      submitBatches(node.bus, total - 10_000, batchSize);
      long t1 = System.nanoTime();
      JsonObject stats = request(node.bus, Addresses.QUEUES_GET, queue()).await();
      long after = heapUsedAfterGc();
      long redisAfter = node.redisUsedMemory();
      System.out.printf(Locale.ROOT, "heap: %d tasks waiting (queue paused, %s): JVM heap used after GC %.1f MB before "
              + "the last %d, %.1f MB after (%+.1f MB); Redis used_memory %+.0f MB (%.0f bytes a task); enqueue %.0f tasks/s%n",
          stats.getLong("waiting"), stats.getBoolean("paused") ? "paused" : "RUNNING", before / 1048576.0,
          total - 10_000, after / 1048576.0, (after - before) / 1048576.0, (redisAfter - redisBefore) / 1048576.0,
          (redisAfter - redisBefore) / (double) (total - 10_000), (total - 10_000) * 1e9 / (t1 - t0));
      System.out.printf(Locale.ROOT, "RESULT redis-heap waiting=%d heap_before_mb=%.1f heap_after_mb=%.1f redis_bytes_per_task=%.0f%n",
          stats.getLong("waiting"), before / 1048576.0, after / 1048576.0, (redisAfter - redisBefore) / (double) (total - 10_000));
    }
  }

  // ---- driving the engine ----------------------------------------------------------------------------

  /** Batches in order, one outstanding at a time (as a client adding in bulk does). */
  private static void submitBatches(EventBus bus, int total, int batchSize) {
    int sent = 0;
    int n = 0;
    while (sent < total) {
      int size = Math.min(batchSize, total - sent);
      JsonArray items = new JsonArray(new ArrayList<>(size));
      for (int i = 0; i < size; i++) {
        items.add(new JsonObject().put("type", "noop").put("payload", new JsonObject().put("n", n++)));
      }
      JsonObject reply = submit(bus, Addresses.TASKS_SUBMIT_BATCH, new JsonObject().put("tasks", items), "bench-batch-" + n).await();
      if (reply.getJsonArray("tasks").size() != size) throw new IllegalStateException("batch not placed: " + reply);
      sent += size;
    }
  }

  private interface Submitted {
    void accept(String id, long sentNanos);
  }

  /** One producer: submits, and on the reply submits the next, until {@code next} passes {@code total}. */
  private static void produce(EventBus bus, AtomicInteger next, int total, CountDownLatch producing, Submitted submitted) {
    int n = next.getAndIncrement();
    if (n >= total) {
      producing.countDown();
      return;
    }
    long sent = System.nanoTime();
    submit(bus, Addresses.TASKS_SUBMIT, new JsonObject().put("type", "noop").put("payload", new JsonObject().put("n", n)),
        "bench-" + n)
        .onComplete(reply -> {
          if (reply.failed()) {
            System.err.println("submit failed: " + reply.cause());
            producing.countDown();
            return;
          }
          submitted.accept(reply.result().getJsonObject("task").getString("id"), sent);
          produce(bus, next, total, producing, submitted);
        });
  }

  /** Counts tasks the engine reports completed (after Redis applied the ack). */
  private static final class Completions {
    private final CountDownLatch all;
    private final MessageConsumer<FinishedTasks> consumer;

    Completions(EventBus bus, int expected) {
      this(bus, expected, task -> { });
    }

    Completions(EventBus bus, int expected, java.util.function.Consumer<Task> each) {
      all = new CountDownLatch(expected);
      consumer = Facts.listen(bus, Addresses.QUEUE_TASKS_FINISHED, finished -> {
        for (Task task : finished.tasks()) {
          if (task.status() == TaskStatus.COMPLETED) {
            each.accept(task);
            all.countDown();
          }
        }
      });
    }

    void await() throws InterruptedException {
      if (!all.await(10, TimeUnit.MINUTES)) throw new IllegalStateException(all.getCount() + " tasks never completed");
      consumer.unregister();
    }
  }

  /** A Vigil node on a fresh prefix, and a side connection for INFO and cleanup. */
  private static final class Node implements AutoCloseable {
    final Vigil vigil;
    final EventBus bus;
    final String prefix;
    final Redis admin;
    final int concurrency;

    private Node(Vigil vigil, String prefix, Redis admin, int concurrency) {
      this.vigil = vigil;
      this.concurrency = concurrency;
      this.bus = vigil.vertx().eventBus();
      this.prefix = prefix;
      this.admin = admin;
    }

    static Node start(int concurrency, int pool) {
      String prefix = "vigil-bench-" + UUID.randomUUID().toString().substring(0, 8);
      String yaml = """
          http:
            port: %d
          redis:
            url: "%s"
            prefix: "%s"
            pool_size: %d
          queues:
            default:
              concurrency: %d
              retention_max: 10000000
          """.formatted(freePort(), URL, prefix, pool, concurrency);
      VigilConfig config = ConfigLoader.fromYaml(yaml, "bench", Map.of(), HandlerRegistry.availableNames());
      Vigil vigil = Vigil.start(config, Clock.systemUTC()).await();
      Redis admin = Redis.createClient(vigil.vertx(), URL);
      return new Node(vigil, prefix, admin, concurrency);
    }

    /** Calls of every command Redis has run (INFO commandstats), minus this INFO itself. */
    long commandCalls() {
      String info = admin.send(Request.cmd(Command.INFO).arg("commandstats")).await().toString();
      long calls = 0;
      for (String line : info.split("\r?\n")) {
        int at = line.indexOf("calls=");
        if (line.startsWith("cmdstat_") && at > 0) {
          calls += Long.parseLong(line.substring(at + 6, line.indexOf(',', at)));
        }
      }
      return calls;
    }

    /** CPU seconds Redis has used (user + system), from INFO cpu: unaffected by how often it was descheduled. */
    double redisCpuSeconds() {
      String info = admin.send(Request.cmd(Command.INFO).arg("cpu")).await().toString();
      double total = 0;
      for (String line : info.split("\r?\n")) {
        if (line.startsWith("used_cpu_user:") || line.startsWith("used_cpu_sys:")) {
          total += Double.parseDouble(line.substring(line.indexOf(':') + 1).trim());
        }
      }
      return total;
    }

    long redisUsedMemory() {
      String info = admin.send(Request.cmd(Command.INFO).arg("memory")).await().toString();
      for (String line : info.split("\r?\n")) {
        if (line.startsWith("used_memory:")) return Long.parseLong(line.substring(12).trim());
      }
      throw new IllegalStateException("no used_memory in INFO");
    }

    @Override
    public void close() {
      vigil.close().await();
      // the node's Vert.x is closed: clean up with a client of our own
      Vertx vertx = Vertx.vertx();
      Redis cleaner = Redis.createClient(vertx, URL);
      try {
        String cursor = "0";
        do {
          Response page = cleaner.send(Request.cmd(Command.SCAN).arg(cursor).arg("MATCH").arg(prefix + ":*")
              .arg("COUNT").arg(1000)).await();
          cursor = page.get(0).toString();
          if (page.get(1).size() > 0) {
            Request unlink = Request.cmd(Command.UNLINK);
            page.get(1).forEach(k -> unlink.arg(k.toString()));
            cleaner.send(unlink).await();
          }
        } while (!cursor.equals("0"));
      } finally {
        cleaner.close().transform(v -> vertx.close()).await();
      }
    }
  }

  // ---- small helpers ---------------------------------------------------------------------------------

  /**
   * CPU nanoseconds per thread group of this process, from {@code /proc/self/task} (Linux): every thread, the GC's and
   * the JIT compilers' included. Names are the kernel's (15 characters, so the event loops are one group,
   * "vert.x-eventloo"); numbered pools ({@code ZWorker#3}, {@code GC Thread#1}) are one group each. What threads
   * that have ended used counts in the C2 compiler group: the JVM starts extra compiler threads while there is a queue
   * to compile and stops them when it is empty (UseDynamicNumberOfCompilerThreads), and a thread that was live in one
   * snapshot and ended by the next must stay in the same group. Empty elsewhere.
   */
  private static Map<String, Long> threadCpu() {
    Map<String, Long> byGroup = new java.util.TreeMap<>();
    long live = 0;
    try (var tasks = java.nio.file.Files.newDirectoryStream(java.nio.file.Path.of("/proc/self/task"))) {
      for (java.nio.file.Path task : tasks) {
        try {
          String name = java.nio.file.Files.readString(task.resolve("comm")).trim().replaceAll("#\\d+$", "");
          String stat = java.nio.file.Files.readString(task.resolve("stat"));
          String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
          long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime + stime, USER_HZ = 100
          byGroup.merge(name, ticks * 10_000_000L, Long::sum);
          live += ticks;
        } catch (java.io.IOException | RuntimeException e) {
          // the thread ended while we looked
        }
      }
      String stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/self/stat"));
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      long process = Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // ended threads included
      byGroup.merge("C2 CompilerThre", Math.max(0, process - live) * 10_000_000L, Long::sum);
    } catch (java.io.IOException | RuntimeException e) {
      return byGroup;
    }
    return byGroup;
  }

  /** The busiest thread groups between two snapshots, in CPU microseconds per task. */
  private static String busiest(Map<String, Long> before, Map<String, Long> after, int tasks) {
    StringBuilder out = new StringBuilder();
    after.entrySet().stream()
        .map(e -> Map.entry(e.getKey(), e.getValue() - before.getOrDefault(e.getKey(), 0L)))
        .filter(e -> e.getValue() > 0)
        .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
        .limit(8)
        .forEach(e -> out.append(String.format(Locale.ROOT, " [%s]=%.1fus/task", e.getKey(), e.getValue() / 1e3 / tasks)));
    return out.toString();
  }

  private static long uptimeMs() {
    return ManagementFactory.getRuntimeMXBean().getUptime();
  }

  /** Bytes this JVM's threads have allocated on the heap so far (all threads, ended ones included). */
  private static long allocatedBytes() {
    return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getTotalThreadAllocatedBytes();
  }

  /** CPU time this JVM has used, all threads. */
  private static double jvmCpuSeconds() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime() / 1e9;
  }

  private static JsonObject queue() {
    return new JsonObject().put("queue", QUEUE);
  }

  private static Future<JsonObject> request(EventBus bus, Address<JsonObject> address, JsonObject body) {
    return Commands.requestHere(bus, address, body, SLOW).map(Message::body);
  }

  /**
   * A submission sent the way the HTTP API sends it ({@code http/BusClient}): with a request id, the body and the
   * reply handed over rather than deep-copied, so what is measured is the path a {@code POST /api/tasks} takes
   * behind its HTTP handling.
   */
  private static Future<JsonObject> submit(EventBus bus, Address<JsonObject> address, JsonObject body, String requestId) {
    return Commands.requestHere(bus, address, body, RequestIds.handedOptions(requestId, SUBMIT_TIMEOUT_MS))
        .map(Message::body);
  }

  private static long percentile(long[] sorted, int p) {
    return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
  }

  private static double ms(long nanos) {
    return nanos / 1e6;
  }

  /** The JSON line the BullMQ peer prints too, plus the JVM's version and flags. */
  private static void emit(JsonObject result) {
    result.put("java", System.getProperty("java.version"))
        .put("jvm_flags", String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments()));
    System.out.println(result.encode());
  }

  private static double round(double value, int digits) {
    double f = Math.pow(10, digits);
    return Math.round(value * f) / f;
  }

  private static String stringArg(String[] args, String name) {
    for (int i = 0; i + 1 < args.length; i++) {
      if (args[i].equals(name)) return args[i + 1];
    }
    return null;
  }

  /** A JFR recording ({@code profile} settings) of one measured window, written when it ends. */
  private static final class Profile {
    private final jdk.jfr.Recording recording;
    private final java.nio.file.Path file;

    private Profile(jdk.jfr.Recording recording, java.nio.file.Path file) {
      this.recording = recording;
      this.file = file;
    }

    /**
     * Run {@code run} of several writes FILE, FILE.1.jfr, ... so none overwrites another. On top of JFR's
     * {@code profile} settings: execution samples every 2 ms, and every compilation and deoptimization, however short
     * (what the warm-up is made of).
     */
    static Profile start(String file, int run) throws Exception {
      String name = run == 0 ? file : file.replaceFirst("(\\.jfr)?$", "." + run + ".jfr");
      return new Profile(recording(), java.nio.file.Path.of(name));
    }

    /**
     * Starts JFR before anything is measured, in memory only, with the same settings, and leaves it running. The first
     * recording of a JVM instruments JDK classes (file and socket I/O events), which throws away the compiled code
     * that inlined them: started only at the measured window, it would make a warm JVM recompile its hot path there.
     */
    static void prime(String file) throws Exception {
      if (file == null) return;
      jdk.jfr.Recording primer = recording();
      primer.setToDisk(false);
      primer.setMaxAge(java.time.Duration.ofSeconds(1));
      primer.start();
    }

    private static jdk.jfr.Recording recording() throws Exception {
      jdk.jfr.Recording recording = new jdk.jfr.Recording(jdk.jfr.Configuration.getConfiguration("profile"));
      recording.enable("jdk.ExecutionSample").withPeriod(java.time.Duration.ofMillis(2));
      recording.enable("jdk.Compilation").withThreshold(java.time.Duration.ZERO);
      recording.enable("jdk.Deoptimization");
      return recording;
    }

    private long beganAt;

    void begin() {
      recording.start();
      beganAt = System.currentTimeMillis();
    }

    /**
     * Writes the recording and, beside it, FILE.window with the window's first and last epoch millisecond: the file
     * may hold whole chunks from before the window (the primer's), which {@link JfrSummary} leaves out by it.
     */
    void end() throws java.io.IOException {
      long endedAt = System.currentTimeMillis();
      recording.stop();
      recording.dump(file);
      java.nio.file.Files.writeString(java.nio.file.Path.of(file + ".window"),
          beganAt + " " + endedAt + "\n");
      recording.close();
      System.err.println("JFR recording of the measured run: " + file);
    }
  }

  private static int intArg(String[] args, String name, int fallback) {
    for (int i = 0; i + 1 < args.length; i++) {
      if (args[i].equals(name)) return Integer.parseInt(args[i + 1].replace("_", ""));
    }
    return fallback;
  }

  private static long heapUsedAfterGc() throws InterruptedException {
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(200);
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (java.io.IOException e) {
      throw new IllegalStateException("no free port", e);
    }
  }
}
