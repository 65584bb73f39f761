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
 * concurrency 1,000: never reached, so they cost their bookkeeping and hold nothing back).
 *
 * <p>Usage: {@code java -cp target/vigil.jar:bench/out io.vigil.bench.FairClaimBench [--backend redis|memory]
 * [--tasks 100000] [--groups 1000] [--claim 50] [--loops 4] [--rounds 5] [--limits]}; Redis from
 * {@code VIGIL_BENCH_REDIS_URL}.
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
        double plain = run(vertx, backend, clock, tasks, 0, claim, loops);
        double grouped = run(vertx, backend, clock, tasks, groups, claim, loops);
        if (round < 0) {
          System.out.printf(Locale.ROOT, "warm-up: ungrouped %.0f tasks/s, grouped %.0f tasks/s%n", plain, grouped);
          continue;
        }
        ratio[round] = grouped / plain;
        System.out.printf(Locale.ROOT, "RESULT round=%d ungrouped_per_s=%.0f grouped_per_s=%.0f ratio=%.3f%n", round,
            plain, grouped, ratio[round]);
        if (admin != null) cleanup(admin, prefix);
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

  /** Enqueues, then drains with {@code loops} claim+ack loops; returns claimed-and-acked tasks a second. */
  private static double run(Vertx vertx, QueueBackend backend, Clock clock, int tasks, int groups, int claim,
                            int loops) {
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
    long t0 = System.nanoTime();
    List<Future<Void>> running = new ArrayList<>();
    for (int l = 0; l < loops; l++) running.add(BenchSupport.drain(vertx, backend, Q, claim, done));
    Future.all(running).await();
    long t1 = System.nanoTime();
    if (done.get() != tasks) throw new IllegalStateException("drained " + done.get() + " of " + tasks);
    return done.get() * 1e9 / (t1 - t0);
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
