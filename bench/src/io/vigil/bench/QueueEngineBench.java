package io.vigil.bench;

import io.vertx.core.Future;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vigil.app.Vigil;
import io.vigil.bus.Address;
import io.vigil.bus.Addresses;
import io.vigil.bus.Commands;
import io.vigil.config.ConfigLoader;
import io.vigil.config.VigilConfig;
import io.vigil.queue.handler.HandlerRegistry;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The queue engine end to end, in process: a Vigil node on the memory backend (the bundled config: queue
 * {@code default}, task type {@code noop}) with {@code queues.default.concurrency} = {@code --concurrency}.
 * The queue is paused, {@code --tasks} noop tasks are submitted over the bus ({@code TASKS_SUBMIT_BATCH}, batches
 * of {@code --batch}, {@code --inflight} batches outstanding at a time), the heap is measured, the queue is
 * resumed and the clock runs until {@code QUEUES_GET} reports every task completed.
 *
 * <p>Besides wall-clock rates it reports the process's CPU time per task for each phase (every thread, GC and JIT
 * included), which other load on a shared machine disturbs far less.
 *
 * <p>{@code queues.default.retention_max} is raised above the task count: at the default (100,000) the backend
 * forgets the oldest finished tasks and its {@code completed} count drops with them, so it would never reach
 * 200,000.
 *
 * <p>Usage: {@code java -cp target/vigil.jar:bench/out io.vigil.bench.QueueEngineBench
 * [--tasks 200000] [--batch 1000] [--concurrency 50] [--inflight 1] [--warmup 200000]}
 */
public final class QueueEngineBench {
  private static final String QUEUE = "default";
  private static final DeliveryOptions SLOW = new DeliveryOptions().setSendTimeout(120_000);

  private QueueEngineBench() {}

  public static void main(String[] args) {
    int tasks = BenchSupport.intArg(args, "--tasks", 200_000);
    int batch = BenchSupport.intArg(args, "--batch", 1_000);
    int concurrency = BenchSupport.intArg(args, "--concurrency", 50);
    int inflight = BenchSupport.intArg(args, "--inflight", 1);
    int warmup = BenchSupport.intArg(args, "--warmup", 200_000);
    if (warmup > 0) {
      round(warmup, batch, concurrency, inflight, false);
    }
    round(tasks, batch, concurrency, inflight, true);
    System.exit(0);
  }

  private static void round(int total, int batchSize, int concurrency, int inflight, boolean report) {
    String yaml = """
        http:
          port: %d
        queues:
          default:
            concurrency: %d
            retention_max: %d
        """.formatted(BenchSupport.freePort(), concurrency, Math.max(total, 100_000) * 2);
    VigilConfig config = ConfigLoader.fromYaml(yaml, "bench", Map.of(), HandlerRegistry.availableNames());
    Vigil vigil = Vigil.start(config, Clock.systemUTC()).await();
    try {
      EventBus bus = vigil.vertx().eventBus();
      JsonObject queue = new JsonObject().put("queue", QUEUE);
      request(bus, Addresses.QUEUES_PAUSE, queue);
      long heapBase = report ? BenchSupport.heapUsedAfterGc() : 0;

      // one template; a local bus send copies a JsonObject, so every submission is a distinct body
      JsonArray items = new JsonArray();
      for (int i = 0; i < batchSize; i++) {
        items.add(new JsonObject().put("type", "noop").put("payload", new JsonObject().put("n", i)));
      }
      JsonObject full = new JsonObject().put("tasks", items);

      long t0 = System.nanoTime();
      long c0 = BenchSupport.processCpuNanos();
      List<Future<JsonObject>> outstanding = new ArrayList<>();
      int sent = 0;
      while (sent < total) {
        int n = Math.min(batchSize, total - sent);
        JsonObject body = n == batchSize ? full
            : new JsonObject().put("tasks", new JsonArray(items.getList().subList(0, n)));
        outstanding.add(request(bus, Addresses.TASKS_SUBMIT_BATCH, body));
        sent += n;
        if (outstanding.size() >= inflight) awaitBatches(outstanding);
      }
      awaitBatches(outstanding);
      long t1 = System.nanoTime();
      long c1 = BenchSupport.processCpuNanos();

      JsonObject stats = request(bus, Addresses.QUEUES_GET, queue).await();
      if (stats.getLong("waiting") != total) throw new IllegalStateException("not all waiting: " + stats);
      long heapAfterEnqueue = report ? BenchSupport.heapUsedAfterGc() : 0;

      long t2 = System.nanoTime();
      long c2 = BenchSupport.processCpuNanos();
      request(bus, Addresses.QUEUES_RESUME, queue).await();
      long completed;
      long polls = 0;
      do {
        sleep(5);
        polls++;
        stats = request(bus, Addresses.QUEUES_GET, queue).await();
        completed = stats.getLong("completed");
      } while (completed < total);
      long t3 = System.nanoTime();
      long c3 = BenchSupport.processCpuNanos();
      if (completed != total || stats.getLong("dead") != 0 || stats.getLong("retrying") != 0) {
        throw new IllegalStateException("unexpected end state: " + stats);
      }
      if (!report) {
        System.out.printf("warm-up round: %d tasks, enqueue %.0f ms, process %.0f ms%n", total,
            BenchSupport.millis(t1 - t0), BenchSupport.millis(t3 - t2));
        return;
      }
      System.out.printf("queue engine, %d tasks: enqueue %.0f ms (%d batches of %d over the bus, %d in flight), "
              + "process %.0f ms at concurrency %d (%d stats polls)%n", total, BenchSupport.millis(t1 - t0),
          (total + batchSize - 1) / batchSize, batchSize, inflight, BenchSupport.millis(t3 - t2), concurrency, polls);
      new BenchSupport.Result("queue-engine")
          .put("enqueue_tasks_per_s", BenchSupport.perSecond(total, t1 - t0))
          .put("processed_tasks_per_s", BenchSupport.perSecond(total, t3 - t2))
          // process CPU (all threads, GC, JIT, the poller) per task: steadier than wall time on a shared machine
          .put("enqueue_cpu_us_per_task", (c1 - c0) / 1e3 / total)
          .put("process_cpu_us_per_task", (c3 - c2) / 1e3 / total)
          .put("heap_after_enqueue_mb", heapAfterEnqueue / 1048576.0)
          .put("heap_per_task_bytes", (heapAfterEnqueue - heapBase) / (double) total)
          .print();
    } finally {
      vigil.close().await();
    }
  }

  private static void awaitBatches(List<Future<JsonObject>> outstanding) {
    for (Future<JsonObject> f : outstanding) {
      JsonObject reply = f.await();
      JsonArray placed = reply.getJsonArray("tasks");
      if (placed == null || placed.isEmpty()) throw new IllegalStateException("batch not placed: " + reply);
    }
    outstanding.clear();
  }

  private static Future<JsonObject> request(EventBus bus, Address<JsonObject> address, JsonObject body) {
    return Commands.requestHere(bus, address, body, SLOW).map(Message::body);
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
