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
 * The Redis backend alone, without the engine: how fast its scripts go when nothing else runs in the JVM. Enqueues
 * {@code --tasks} in batches of {@code --batch}, then {@code --loops} independent loops each claim up to
 * {@code --claim} tasks and ack them, until the queue is empty. Compare with {@link RedisQueueBench} (the same
 * backend under the real engine) to see which side limits.
 *
 * <p>Usage: {@code java -cp target/vigil.jar:bench/out io.vigil.bench.RedisBackendBench [--tasks 200000]
 * [--batch 1000] [--claim 50] [--loops 1] [--pool 8]}; Redis from {@code VIGIL_BENCH_REDIS_URL}.
 */
public final class RedisBackendBench {
  private static final String URL = System.getenv().getOrDefault("VIGIL_BENCH_REDIS_URL", "redis://127.0.0.1:6379");
  private static final String Q = "default";

  private RedisBackendBench() {}

  public static void main(String[] args) {
    int tasks = intArg(args, "--tasks", 200_000);
    int batch = intArg(args, "--batch", 1_000);
    int claim = intArg(args, "--claim", 50);
    int loops = intArg(args, "--loops", 1);
    int pool = intArg(args, "--pool", 8);
    Vertx vertx = Vertx.vertx();
    String prefix = "vigil-bench-" + UUID.randomUUID().toString().substring(0, 8);
    Clock clock = Clock.systemUTC();
    RedisQueueBackend backend = new RedisQueueBackend(vertx, new RedisConfig(URL, prefix, pool, 1024, Duration.ofSeconds(5)),
        new BackendSettings(Duration.ofHours(24), Map.of(Q, BackendSettings.DEFAULT_RETENTION)), Map.of(), clock);
    Redis admin = Redis.createClient(vertx, URL);
    try {
      for (int round = 0; round < 2; round++) { // the first round warms the JIT
        TaskIds ids = new TaskIds(clock);
        long c0 = calls(admin);
        long[] e0 = evalsha(admin);
        long t0 = System.nanoTime();
        for (int sent = 0; sent < tasks; sent += batch) {
          List<NewTask> items = new ArrayList<>(batch);
          for (int i = 0; i < batch; i++) {
            items.add(new NewTask(Task.create(ids.next(), Q, "noop", "{\"n\":" + (sent + i) + "}", Priority.NORMAL,
                null, 5, null, clock.instant()), null));
          }
          backend.enqueue(items).await();
        }
        long t1 = System.nanoTime();
        long[] e1 = evalsha(admin);
        AtomicInteger done = new AtomicInteger();
        List<Future<Void>> running = new ArrayList<>();
        for (int l = 0; l < loops; l++) running.add(BenchSupport.drain(vertx, backend, Q, claim, done));
        Future.all(running).await();
        long t2 = System.nanoTime();
        long c1 = calls(admin);
        long[] e2 = evalsha(admin);
        System.out.printf(Locale.ROOT, "%s: enqueue %.0f tasks/s (batches of %d); claim+ack %.0f tasks/s (%d loop(s) "
                + "claiming %d); %.2f commands a task%n", round == 0 ? "warm-up" : "backend", tasks * 1e9 / (t1 - t0),
            batch, done.get() * 1e9 / (t2 - t1), loops, claim, (c1 - c0) / (double) tasks);
        System.out.printf(Locale.ROOT, "  script execution in Redis: enqueue %.1f us a call (%d calls), claim+ack %.1f us a call "
                + "(%d calls)%n", (e1[1] - e0[1]) / (double) (e1[0] - e0[0]), e1[0] - e0[0],
            (e2[1] - e1[1]) / (double) (e2[0] - e1[0]), e2[0] - e1[0]);
      }
    } finally {
      cleanup(admin, prefix);
      backend.close().await();
      vertx.close().await();
    }
    System.exit(0);
  }

  /** Claims and acks on the event loop until a claim comes back empty. */

  private static long calls(Redis admin) {
    String info = admin.send(Request.cmd(Command.INFO).arg("commandstats")).await().toString();
    long calls = 0;
    for (String line : info.split("\r?\n")) {
      int at = line.indexOf("calls=");
      if (line.startsWith("cmdstat_") && at > 0) calls += Long.parseLong(line.substring(at + 6, line.indexOf(',', at)));
    }
    return calls;
  }

  /** {calls, usec} of EVALSHA so far (commandstats: execution time inside Redis, including the script's commands). */
  private static long[] evalsha(Redis admin) {
    String info = admin.send(Request.cmd(Command.INFO).arg("commandstats")).await().toString();
    for (String line : info.split("\r?\n")) {
      if (line.startsWith("cmdstat_evalsha:")) {
        int c = line.indexOf("calls=");
        int u = line.indexOf("usec=");
        return new long[] {Long.parseLong(line.substring(c + 6, line.indexOf(',', c))),
            Long.parseLong(line.substring(u + 5, line.indexOf(',', u)))};
      }
    }
    return new long[] {0, 0};
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
    for (int i = 0; i + 1 < args.length; i++) {
      if (args[i].equals(name)) return Integer.parseInt(args[i + 1].replace("_", ""));
    }
    return fallback;
  }
}
