package io.vigil.bench;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import io.vigil.domain.breaker.BreakerPolicy;
import io.vigil.domain.breaker.BreakerState;
import io.vigil.kit.Breaker;
import io.vigil.kit.BreakerSharing;
import io.vigil.kit.Breakers;
import io.vigil.kit.RedisBreakerLink;
import io.vigil.kit.VertxTimers;

import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Issue 17: the time from a breaker tripping on node A to OPEN on node B (target p99 <= 1 s). Two Vert.x instances in
 * this JVM, each with its own registry shared through Redis ({@link BreakerSharing} over {@link RedisBreakerLink}) under
 * a fresh prefix (removed at the end). Each trial trips A's breaker with failing calls, takes the time until B's
 * breaker hears it (B's transition listener, on B's event loop), then resets it on A and waits for B to close.
 * Usage: java -cp target/vigil.jar:bench/out io.vigil.bench.BreakerShareBench [trials] (default 200; REDIS_URL)
 */
public final class BreakerShareBench {
  public static void main(String[] args) throws Exception {
    int trials = args.length > 0 ? Integer.parseInt(args[0]) : 200;
    String url = System.getenv().getOrDefault("REDIS_URL", "redis://127.0.0.1:6379");
    String prefix = "bench-breakers-" + UUID.randomUUID().toString().substring(0, 8);
    BreakerPolicy policy = new BreakerPolicy(BreakerPolicy.Window.COUNT, 2, 2, 50, Duration.ZERO, 100,
        Duration.ofMinutes(10), 1, Duration.ZERO);
    Vertx a = Vertx.vertx();
    Vertx b = Vertx.vertx();
    try {
      Breakers onA = node(a, url, prefix, policy, "a");
      Breakers onB = node(b, url, prefix, policy, "b");
      Breaker breakerA = onA.breaker("http:bench:443");
      onB.breaker("http:bench:443");
      long[] heard = new long[1];
      CompletableFuture<?>[] waiting = new CompletableFuture<?>[1];
      onB.onTransition(t -> {
        if (t.to() == BreakerState.OPEN && waiting[0] != null) {
          heard[0] = System.nanoTime();
          waiting[0].complete(null);
        }
      });
      double[] millis = new double[trials];
      for (int i = -10; i < trials; i++) { // 10 warm-up trials
        CompletableFuture<Void> open = new CompletableFuture<>();
        waiting[0] = open;
        long tripped = trip(a, breakerA);
        open.get(10, TimeUnit.SECONDS);
        waiting[0] = null;
        if (i >= 0) millis[i] = (heard[0] - tripped) / 1e6;
        breakerA.machine().reset();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (onB.breaker("http:bench:443").state() != BreakerState.CLOSED) {
          if (System.nanoTime() > deadline) throw new IllegalStateException("b did not close");
          Thread.onSpinWait();
        }
      }
      Arrays.sort(millis);
      System.out.printf("trip on A -> OPEN on B over Redis (%d trials): p50 %.2f ms  p90 %.2f ms  p99 %.2f ms  max %.2f ms"
          + " (target p99 <= 1000)%n", trials, at(millis, 0.50), at(millis, 0.90), at(millis, 0.99),
          millis[millis.length - 1]);
    } finally {
      cleanUp(a, url, prefix);
      a.close().toCompletionStage().toCompletableFuture().get();
      b.close().toCompletionStage().toCompletableFuture().get();
    }
  }

  private static Breakers node(Vertx vertx, String url, String prefix, BreakerPolicy policy, String id)
      throws Exception {
    Breakers breakers = new Breakers(Clock.systemUTC(), VertxTimers.ofCaller(vertx), policy);
    CompletableFuture<Void> started = new CompletableFuture<>();
    vertx.runOnContext(v -> new BreakerSharing(breakers, new RedisBreakerLink(vertx, url, prefix,
        VertxTimers.on(vertx.getOrCreateContext())), id, Clock.systemUTC()).start()
        .onComplete(done -> started.complete(null)));
    started.get(10, TimeUnit.SECONDS);
    return breakers;
  }

  /** Trips A's breaker with two failing calls on A's event loop; answers when the second failure was counted. */
  private static long trip(Vertx a, Breaker breaker) throws Exception {
    CompletableFuture<Long> at = new CompletableFuture<>();
    a.runOnContext(v -> {
      breaker.execute(() -> Future.failedFuture("down"));
      breaker.execute(() -> Future.failedFuture("down"));
      at.complete(System.nanoTime());
    });
    return at.get();
  }

  private static double at(double[] sorted, double q) {
    return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)];
  }

  private static void cleanUp(Vertx vertx, String url, String prefix) throws Exception {
    Redis redis = Redis.createClient(vertx, url);
    Response keys = redis.send(Request.cmd(Command.KEYS).arg(prefix + ":*")).toCompletionStage().toCompletableFuture().get();
    for (Response key : keys) redis.send(Request.cmd(Command.DEL).arg(key.toString())).toCompletionStage().toCompletableFuture().get();
    redis.close();
  }
}
