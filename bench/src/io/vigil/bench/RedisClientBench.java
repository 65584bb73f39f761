package io.vigil.bench;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;

import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * What one Redis round trip costs the JVM, by the way it is sent: through the pooled client as
 * {@code RedisQueueBackend} sends every script call today (each {@code send} borrows a connection, sends, gives it
 * back), or on one connection held open (pipelined: the next call goes out before the last answer came). Each way
 * is measured with and without the per-call {@code Future.timeout} the backend adds. The call is an {@code EVALSHA}
 * of a script that returns its arguments, with the argument count of a merged one-at-a-time enqueue, so Redis's own
 * work is small and the same for every way; the process's CPU per call is the JVM's cost of the round trip.
 *
 * <p>{@code --callers} loops run at once, each sending its next call when the last answered (like the backend's
 * enqueue, claim and settle loops), {@code --calls} calls per way and round; the ways are interleaved, {@code --rounds}
 * times, so a loaded machine shifts them alike. Redis from {@code VIGIL_BENCH_REDIS_URL}.
 *
 * <p>Usage: {@code java -cp target/vigil.jar:bench/out io.vigil.bench.RedisClientBench [--calls 50000] [--callers 4]
 * [--args 44] [--rounds 3] [--pool 8]}
 */
public final class RedisClientBench {
  private static final String URL = System.getenv().getOrDefault("VIGIL_BENCH_REDIS_URL", "redis://127.0.0.1:6379");
  private static final String SCRIPT = "return #ARGV";

  private RedisClientBench() {}

  public static void main(String[] args) throws Exception {
    int calls = BenchSupport.intArg(args, "--calls", 50_000);
    int callers = BenchSupport.intArg(args, "--callers", 4);
    int argCount = BenchSupport.intArg(args, "--args", 44);
    int rounds = BenchSupport.intArg(args, "--rounds", 3);
    int pool = BenchSupport.intArg(args, "--pool", 8);
    Vertx vertx = Vertx.vertx();
    RedisOptions options = new RedisOptions().setConnectionString(URL).setMaxPoolSize(pool).setMaxPoolWaiting(1024);
    options.getNetClientOptions().setTcpNoDelay(true);
    Redis pooled = Redis.createClient(vertx, options);
    RedisConnection held = Redis.createClient(vertx, options).connect().await();
    String sha = pooled.send(Request.cmd(Command.SCRIPT).arg("LOAD").arg(SCRIPT)).await().toString();
    String[] values = new String[argCount];
    for (int i = 0; i < argCount; i++) values[i] = "0190f3c2-7d4e-7a1b-9c3d-" + String.format(Locale.ROOT, "%012d", i);

    Function<Function<Request, Future<Response>>, Function<Integer, Future<Response>>> evalsha = send -> n -> {
      Request request = Request.cmd(Command.EVALSHA).arg(sha).arg(0);
      for (String value : values) request.arg(value);
      return send.apply(request);
    };
    Way[] ways = {
        new Way("pooled client (today)", evalsha.apply(pooled::send)),
        new Way("pooled client + timeout (today's call())", evalsha.apply(r -> pooled.send(r).timeout(10, TimeUnit.SECONDS))),
        new Way("one held connection", evalsha.apply(held::send)),
        new Way("one held connection + timeout", evalsha.apply(r -> held.send(r).timeout(10, TimeUnit.SECONDS))),
    };
    for (Way way : ways) run(vertx, way, calls / 5, callers); // warm every path before measuring any
    for (int round = 1; round <= rounds; round++) {
      for (Way way : ways) {
        long cpu0 = BenchSupport.processCpuNanos();
        long t0 = System.nanoTime();
        run(vertx, way, calls, callers);
        long t1 = System.nanoTime();
        long cpu1 = BenchSupport.processCpuNanos();
        System.out.printf(Locale.ROOT, "round %d  %-42s %8.0f calls/s  %6.1f us JVM CPU a call%n", round, way.name,
            calls * 1e9 / (t1 - t0), (cpu1 - cpu0) / 1e3 / calls);
        new BenchSupport.Result("redis-client-" + way.name.replaceAll("[^a-z]+", "-").replaceAll("-$", ""))
            .put("calls_per_s", calls * 1e9 / (t1 - t0)).put("jvm_cpu_us_per_call", (cpu1 - cpu0) / 1e3 / calls).print();
      }
    }
    held.close().await();
    pooled.close().await();
    vertx.close().await();
    System.exit(0);
  }

  private record Way(String name, Function<Integer, Future<Response>> call) {}

  /** {@code callers} loops on one event loop, each sending its next call when the last answered, {@code calls} in all. */
  private static void run(Vertx vertx, Way way, int calls, int callers) {
    Promise<Void> done = Promise.promise();
    int[] sent = {0};
    int[] answered = {0};
    vertx.runOnContext(v -> {
      for (int c = 0; c < callers; c++) next(way, calls, sent, answered, done);
    });
    done.future().await();
  }

  private static void next(Way way, int calls, int[] sent, int[] answered, Promise<Void> done) {
    if (sent[0] >= calls) return;
    way.call.apply(sent[0]++).onComplete(reply -> {
      if (reply.failed()) {
        done.tryFail(reply.cause());
        return;
      }
      if (++answered[0] == calls) done.complete();
      else next(way, calls, sent, answered, done);
    });
  }
}
