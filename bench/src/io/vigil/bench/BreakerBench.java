package io.vigil.bench;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vigil.domain.breaker.BreakerPolicy;
import io.vigil.kit.Breaker;
import io.vigil.kit.Breakers;
import io.vigil.kit.VertxTimers;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * The overhead of a guarded call through a closed breaker (issue 17 target: at most 5 µs a call), on an event loop as
 * in Vigil: the same already-answered call made directly, through a breaker, and through a breaker with a call timeout
 * (a timer per call), in interleaved rounds with equal warm-ups. Prints ns and bytes allocated per call for each.
 * Usage: java -cp target/vigil.jar:bench/out io.vigil.bench.BreakerBench [calls per round] [rounds]
 */
public final class BreakerBench {
  private static final com.sun.management.ThreadMXBean THREADS =
      (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

  public static void main(String[] args) throws Exception {
    int calls = args.length > 0 ? Integer.parseInt(args[0]) : 2_000_000;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    Vertx vertx = Vertx.vertx();
    try {
      Breakers breakers = new Breakers(Clock.systemUTC(), VertxTimers.ofCaller(vertx), BreakerPolicy.DEFAULTS);
      Breaker plain = breakers.breaker("bench");
      Breaker timed = breakers.breaker("bench-timed", new BreakerPolicy(BreakerPolicy.Window.COUNT, 20, 5, 50,
          Duration.ZERO, 100, Duration.ofSeconds(10), 3, Duration.ofSeconds(5)));
      Supplier<Future<Integer>> call = () -> Future.succeededFuture(42);
      String[] names = {"direct", "breaker", "breaker+timeout"};
      Supplier<Future<Integer>>[] ways =
          cast(new Supplier[] {call, () -> plain.execute(call), () -> timed.execute(call)});
      double[][] nanos = new double[ways.length][rounds];
      double[][] bytes = new double[ways.length][rounds];
      for (int w = 0; w < ways.length; w++) onLoop(vertx, ways[w], calls); // warm-up, equal for each
      for (int r = 0; r < rounds; r++) {
        for (int w = 0; w < ways.length; w++) {
          double[] result = onLoop(vertx, ways[w], calls);
          nanos[w][r] = result[0];
          bytes[w][r] = result[1];
        }
      }
      System.out.printf("%d calls per round, %d rounds (median of rounds)%n", calls, rounds);
      for (int w = 0; w < ways.length; w++) {
        System.out.printf("  %-16s %8.1f ns/call  %6.0f bytes/call%n", names[w], median(nanos[w]), median(bytes[w]));
      }
      System.out.printf("  overhead through a closed breaker: %.1f ns/call (target <= 5000)%n",
          median(nanos[1]) - median(nanos[0]));
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get();
    }
  }

  /** Runs {@code calls} calls on one event loop; answers ns and allocated bytes per call. */
  private static double[] onLoop(Vertx vertx, Supplier<Future<Integer>> way, int calls) throws Exception {
    CompletableFuture<double[]> done = new CompletableFuture<>();
    vertx.runOnContext(v -> {
      long thread = Thread.currentThread().getId();
      long sink = 0;
      long allocated = THREADS.getThreadAllocatedBytes(thread);
      long start = System.nanoTime();
      for (int i = 0; i < calls; i++) sink += way.get().result();
      long elapsed = System.nanoTime() - start;
      long bytes = THREADS.getThreadAllocatedBytes(thread) - allocated;
      if (sink != 42L * calls) throw new IllegalStateException("lost calls");
      done.complete(new double[] {(double) elapsed / calls, (double) bytes / calls});
    });
    return done.get();
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    java.util.Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }

  @SuppressWarnings("unchecked")
  private static <T> T cast(Object o) {
    return (T) o;
  }
}
