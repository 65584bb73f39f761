package io.vigil.testing;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * Waits for the service to reach a state it reaches on its own (a task completing on an event loop). It polls;
 * it never stands in for driving a timer that a test could drive with a clock.
 */
public final class Eventually {
  private Eventually() {}

  public static <T> T await(String what, Duration limit, Supplier<T> probe, java.util.function.Predicate<T> done) {
    long deadline = System.nanoTime() + limit.toNanos();
    T last = null;
    while (System.nanoTime() < deadline) {
      last = probe.get();
      if (done.test(last)) return last;
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted while waiting for " + what);
      }
    }
    throw new AssertionError("timed out after " + limit.toMillis() + " ms waiting for " + what + "; last seen: " + last);
  }

  public static void await(String what, Duration limit, Supplier<Boolean> condition) {
    await(what, limit, condition, Boolean::booleanValue);
  }

  public static void until(String what, java.util.function.BooleanSupplier condition) {
    until(what, 10_000, condition);
  }

  public static void until(String what, long timeoutMs, java.util.function.BooleanSupplier condition) {
    await(what, Duration.ofMillis(timeoutMs), condition::getAsBoolean);
  }
}
