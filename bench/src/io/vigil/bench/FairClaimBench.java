package io.vigil.bench;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import io.vigil.config.RedisConfig;
import io.vigil.domain.Priority;
import io.vigil.domain.Task;
import io.vigil.domain.TaskIds;
import io.vigil.queue.BackendSettings;
import io.vigil.queue.NewTask;
import io.vigil.queue.QueueBackend;
import io.vigil.queue.memory.MemoryQueueBackend;
import io.vigil.queue.redis.RedisQueueBackend;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Issue 19: what fair queues cost the claim. Each round enqueues {@code --tasks} tasks ungrouped, then the same
 * number spread evenly over {@code --groups} groups (in turn, so each claim meets many groups), and drains each with
 * {@code --loops} loops that claim up to {@code --claim} tasks and ack them; the two kinds alternate, so a slower
 * machine moment hits both. Prints one {@code RESULT} line per measured round and the ratio grouped ÷ ungrouped
 * (target ≥ 0.70 with 1,000 groups). With {@code --limits} the queue also has per-group limits (rate 1,000,000/s,
 * concurrency 1,000: never reached, so they cost their bookkeeping and hold nothing back). On Redis each RESULT line
 * also gives, for the drain alone, Redis commands per task (INFO commandstats, commands run inside scripts included)
 * and Redis CPU per task (INFO cpu) of both kinds; {@code --profile} adds the commands of the last round one by one
 * (calls and microseconds inside Redis per task).
 *
 * <p>Usage: {@code java -cp target/vigil.jar:bench/out io.vigil.bench.FairClaimBench [--backend redis|memory]
 * [--tasks 100000] [--groups 1000] [--claim 50] [--loops 4] [--rounds 5] [--limits] [--profile]
 * [--only grouped|ungrouped]}; Redis from {@code VIGIL_BENCH_REDIS_URL}.
 */
public final class FairClaimBench {
  private static final String URL = System.getenv().getOrDefault("VIGIL_BENCH_REDIS_URL", "redis://127.0.0.1:6379");
  private static final String Q = "default";

  private FairClaimBench() {}

  public static void main(String[] args) {
    String kind = stringArg(args, "--backend", "redis");
    int tasks = intArg(args, "--tasks", 100_000);
    int groups = intArg(args, "--groups", 1_000);
    int claim = intArg(args, "--claim", 50);
    int loops = intArg(args, "--loops", 4);
    int rounds = intArg(args, "--rounds", 5);
    boolean limits = List.of(args).contains("--limits");
    boolean profile = List.of(args).contains("--profile");
    String only = stringArg(args, "--only", ""); // "grouped" or "ungrouped": that kind alone, e.g. under a profiler
    Vertx vertx = Vertx.vertx();
    String prefix = "vigil-fair-bench-" + UUID.randomUUID().toString().substring(0, 8);
    Clock clock = Clock.systemUTC();
    BackendSettings settings = new BackendSettings(Duration.ofHours(24), Map.of(Q, BackendSettings.DEFAULT_RETENTION),
        limits ? Map.of(Q, new BackendSettings.GroupLimits(1_000_000, 1_000)) : Map.of());
    QueueBackend backend = kind.equals("memory") ? new MemoryQueueBackend(clock, settings)
        : new RedisQueueBackend(vertx, new RedisConfig(URL, prefix, 8, 1024, Duration.ofSeconds(5)), settings,
            Map.of(), clock);
    Redis admin = kind.equals("memory") ? null : Redis.createClient(vertx, URL);
    System.out.printf(Locale.ROOT, "backend %s, %d tasks a run, %d groups, %d loop(s) claiming %d, limits %s%n", kind,
        tasks, groups, loops, claim, limits ? "on" : "off");
    double[] ratio = new double[rounds];
    try {
      for (int round = -1; round < rounds; round++) { // round -1 warms the JIT
        Run plain = only.equals("grouped") ? NONE : run(vertx, backend, admin, clock, tasks, 0, claim, loops);
        // each run starts on an empty queue: else the second run's acks would also trim the first run's finished
        // tasks (retention keeps 100,000), a cost that has nothing to do with groups
        if (admin != null) cleanup(admin, prefix);
        Run grouped = only.equals("ungrouped") ? NONE : run(vertx, backend, admin, clock, tasks, groups, claim, loops);
        if (admin != null) cleanup(admin, prefix);
        if (round < 0) {
          System.out.printf(Locale.ROOT, "warm-up: ungrouped %.0f tasks/s, grouped %.0f tasks/s%n", plain.perSecond,
              grouped.perSecond);
          continue;
        }
        ratio[round] = grouped.perSecond / plain.perSecond;
        System.out.printf(Locale.ROOT, "RESULT round=%d ungrouped_per_s=%.0f grouped_per_s=%.0f ratio=%.3f%s%n", round,
            plain.perSecond, grouped.perSecond, ratio[round], admin == null ? ""
                : String.format(Locale.ROOT, " ungrouped_cmds_per_task=%.2f grouped_cmds_per_task=%.2f"
                    + " ungrouped_redis_us_per_task=%.2f grouped_redis_us_per_task=%.2f", plain.redis.calls() / tasks,
                    grouped.redis.calls() / tasks, plain.redis.cpuSeconds * 1e6 / tasks,
                    grouped.redis.cpuSeconds * 1e6 / tasks));
        if (profile && admin != null && round == rounds - 1) {
          System.out.println("per task, last round: command ungrouped(calls usec) grouped(calls usec)");
          java.util.Set<String> names = new java.util.TreeSet<>(plain.redis.commands.keySet());
          names.addAll(grouped.redis.commands.keySet());
          for (String name : names) {
            double[] p = plain.redis.commands.getOrDefault(name, new double[2]);
            double[] g = grouped.redis.commands.getOrDefault(name, new double[2]);
            System.out.printf(Locale.ROOT, "  %-12s %7.3f %7.3f   %7.3f %7.3f%n", name, p[0] / tasks, p[1] / tasks,
                g[0] / tasks, g[1] / tasks);
          }
        }
      }
      java.util.Arrays.sort(ratio);
      System.out.printf(Locale.ROOT, "median ratio grouped/ungrouped over %d rounds: %.3f (target >= 0.70)%n", rounds,
          ratio[rounds / 2]);
    } finally {
      if (admin != null) cleanup(admin, prefix);
      backend.close().await();
      vertx.close().await();
    }
    System.exit(0);
  }

  /** Claimed-and-acked tasks a second, and what Redis did meanwhile (null on the memory backend). */
  private record Run(double perSecond, RedisWork redis) {}

  /** A kind {@code --only} left out. */
  private static final Run NONE = new Run(Double.NaN, new RedisWork(0, Map.of()));

  /** Enqueues, then drains with {@code loops} claim+ack loops. */
  private static Run run(Vertx vertx, QueueBackend backend, Redis admin, Clock clock, int tasks, int groups,
                         int claim, int loops) {
    TaskIds ids = new TaskIds(clock);
    for (int sent = 0; sent < tasks; sent += 1_000) {
      List<NewTask> items = new ArrayList<>(1_000);
      for (int i = sent; i < Math.min(tasks, sent + 1_000); i++) {
        Task task = Task.create(ids.next(), Q, "noop", "{\"n\":" + i + "}", Priority.NORMAL, null, 5, null,
            clock.instant());
        items.add(new NewTask(groups == 0 ? task : task.withGroup("tenant-" + (i % groups)), null));
      }
      backend.enqueue(items).await();
    }
    AtomicInteger done = new AtomicInteger();
    RedisWork before = admin == null ? null : RedisWork.of(admin);
    long t0 = System.nanoTime();
    List<Future<Void>> running = new ArrayList<>();
    for (int l = 0; l < loops; l++) running.add(BenchSupport.drain(vertx, backend, Q, claim, done));
    Future.all(running).await();
    long t1 = System.nanoTime();
    RedisWork work = admin == null ? null : RedisWork.of(admin).minus(before);
    if (done.get() != tasks) throw new IllegalStateException("drained " + done.get() + " of " + tasks);
    return new Run(done.get() * 1e9 / (t1 - t0), work);
  }

  /** Redis's CPU seconds (INFO cpu) and {calls, usec} per command (INFO commandstats) so far, or between two. */
  private record RedisWork(double cpuSeconds, Map<String, double[]> commands) {
    static RedisWork of(Redis admin) {
      double cpu = 0;
      for (String line : admin.send(Request.cmd(Command.INFO).arg("cpu")).await().toString().split("\r?\n")) {
        if (line.startsWith("used_cpu_user:") || line.startsWith("used_cpu_sys:")) {
          cpu += Double.parseDouble(line.substring(line.indexOf(':') + 1).trim());
        }
      }
      Map<String, double[]> commands = new java.util.HashMap<>();
      for (String line : admin.send(Request.cmd(Command.INFO).arg("commandstats")).await().toString()
          .split("\r?\n")) {
        int c = line.indexOf("calls=");
        int u = line.indexOf("usec=");
        if (line.startsWith("cmdstat_") && c > 0 && u > 0) {
          commands.put(line.substring(8, line.indexOf(':')), new double[] {
              Long.parseLong(line.substring(c + 6, line.indexOf(',', c))),
              Long.parseLong(line.substring(u + 5, line.indexOf(',', u)))});
        }
      }
      return new RedisWork(cpu, commands);
    }

    RedisWork minus(RedisWork earlier) {
      Map<String, double[]> delta = new java.util.HashMap<>();
      commands.forEach((name, now) -> {
        double[] then = earlier.commands.getOrDefault(name, new double[2]);
        if (now[0] > then[0]) delta.put(name, new double[] {now[0] - then[0], now[1] - then[1]});
      });
      delta.computeIfPresent("info", (name, v) -> new double[] {v[0] - 2, v[1]}); // the two INFOs of a reading
      return new RedisWork(cpuSeconds - earlier.cpuSeconds, delta);
    }

    double calls() {
      return commands.values().stream().mapToDouble(v -> v[0]).sum();
    }
  }

  private static void cleanup(Redis admin, String prefix) {
    String cursor = "0";
    do {
      Response page = admin.send(Request.cmd(Command.SCAN).arg(cursor).arg("MATCH").arg(prefix + ":*")
          .arg("COUNT").arg(1000)).await();
      cursor = page.get(0).toString();
      if (page.get(1).size() > 0) {
        Request unlink = Request.cmd(Command.UNLINK);
        page.get(1).forEach(k -> unlink.arg(k.toString()));
        admin.send(unlink).await();
      }
    } while (!cursor.equals("0"));
  }

  private static int intArg(String[] args, String name, int fallback) {
    return Integer.parseInt(stringArg(args, name, Integer.toString(fallback)).replace("_", ""));
  }

  private static String stringArg(String[] args, String name, String fallback) {
    for (int i = 0; i + 1 < args.length; i++) {
      if (args[i].equals(name)) return args[i + 1];
    }
    return fallback;
  }
}
