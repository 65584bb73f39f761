package io.vigil.domain;

import java.time.Clock;

/**
 * Successes and failures over the last {@code seconds} seconds, in one-second buckets: the source of
 * throughput per minute and error rate. Not thread-safe.
 */
public final class SlidingWindow {
  private final Clock clock;
  private final int seconds;
  private final long[] bucketSecond;
  private final long[] successes;
  private final long[] failures;

  public SlidingWindow(int seconds, Clock clock) {
    if (seconds < 1) throw new IllegalArgumentException("seconds must be >= 1");
    this.seconds = seconds;
    this.clock = clock;
    this.bucketSecond = new long[seconds];
    this.successes = new long[seconds];
    this.failures = new long[seconds];
    java.util.Arrays.fill(bucketSecond, Long.MIN_VALUE);
  }

  public void recordSuccesses(long n) {
    successes[bucket()] += n;
  }

  public void recordFailures(long n) {
    failures[bucket()] += n;
  }

  public long successes() {
    return sum(successes);
  }

  public long failures() {
    return sum(failures);
  }

  /** Failures / (successes + failures) over the window; 0 when nothing ran. */
  public double errorRate() {
    long ok = successes();
    long bad = failures();
    return ok + bad == 0 ? 0.0 : (double) bad / (ok + bad);
  }

  private int bucket() {
    long second = Math.floorDiv(clock.millis(), 1000);
    int index = (int) Math.floorMod(second, seconds);
    if (bucketSecond[index] != second) {
      bucketSecond[index] = second;
      successes[index] = 0;
      failures[index] = 0;
    }
    return index;
  }

  private long sum(long[] counts) {
    long now = Math.floorDiv(clock.millis(), 1000);
    long total = 0;
    for (int i = 0; i < seconds; i++) {
      if (bucketSecond[i] > now - seconds && bucketSecond[i] <= now) {
        total += counts[i];
      }
    }
    return total;
  }
}
