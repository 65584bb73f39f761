package io.vigil.domain.breaker;

import java.time.Clock;

/**
 * The recent calls a breaker's rates are taken over, kept as running totals so that recording a call costs O(1)
 * (amortised, for the time window) and allocates nothing. Not thread-safe: the {@link BreakerMachine} guards it.
 */
abstract class CallWindow {
  int calls;
  int failures;
  int slowCalls;

  static CallWindow of(BreakerPolicy policy, Clock clock) {
    return policy.window() == BreakerPolicy.Window.COUNT ? new Count(policy.windowSize())
        : new Time(policy.windowSize(), clock);
  }

  abstract void record(boolean failed, boolean slow);

  abstract void reset();

  /** Brings the totals up to now (the time window forgets calls older than its span). */
  void refresh() {}

  double failureRate() {
    return calls == 0 ? 0 : failures * 100.0 / calls;
  }

  double slowCallRate() {
    return calls == 0 ? 0 : slowCalls * 100.0 / calls;
  }

  /** The last {@code size} calls, in a ring of flags. */
  static final class Count extends CallWindow {
    private static final byte FAILED = 1;
    private static final byte SLOW = 2;
    private final byte[] ring;
    private int next;

    Count(int size) {
      ring = new byte[size];
    }

    @Override
    void record(boolean failed, boolean slow) {
      if (calls == ring.length) {
        byte old = ring[next];
        if ((old & FAILED) != 0) failures--;
        if ((old & SLOW) != 0) slowCalls--;
      } else {
        calls++;
      }
      ring[next] = (byte) ((failed ? FAILED : 0) | (slow ? SLOW : 0));
      if (failed) failures++;
      if (slow) slowCalls++;
      next = (next + 1) % ring.length;
    }

    @Override
    void reset() {
      calls = failures = slowCalls = next = 0;
    }
  }

  /** The calls of the last {@code seconds} seconds, in one bucket per second. */
  static final class Time extends CallWindow {
    private final Clock clock;
    private final int[] bucketCalls;
    private final int[] bucketFailures;
    private final int[] bucketSlow;
    private long latest = Long.MIN_VALUE;

    Time(int seconds, Clock clock) {
      this.clock = clock;
      this.bucketCalls = new int[seconds];
      this.bucketFailures = new int[seconds];
      this.bucketSlow = new int[seconds];
    }

    @Override
    void record(boolean failed, boolean slow) {
      int i = advance();
      bucketCalls[i]++;
      calls++;
      if (failed) {
        bucketFailures[i]++;
        failures++;
      }
      if (slow) {
        bucketSlow[i]++;
        slowCalls++;
      }
    }

    @Override
    void refresh() {
      advance();
    }

    /** Empties the buckets that fell out of the window since the last call; answers the current one's index. */
    private int advance() {
      long now = Math.floorDiv(clock.millis(), 1000);
      int size = bucketCalls.length;
      if (now > latest) {
        long from = latest == Long.MIN_VALUE || now - latest > size ? now - size + 1 : latest + 1;
        for (long s = from; s <= now; s++) {
          int i = (int) Math.floorMod(s, size);
          calls -= bucketCalls[i];
          failures -= bucketFailures[i];
          slowCalls -= bucketSlow[i];
          bucketCalls[i] = bucketFailures[i] = bucketSlow[i] = 0;
        }
        latest = now;
      }
      // a clock that stepped back records into the newest bucket
      return (int) Math.floorMod(latest, size);
    }

    @Override
    void reset() {
      java.util.Arrays.fill(bucketCalls, 0);
      java.util.Arrays.fill(bucketFailures, 0);
      java.util.Arrays.fill(bucketSlow, 0);
      calls = failures = slowCalls = 0;
    }
  }
}
