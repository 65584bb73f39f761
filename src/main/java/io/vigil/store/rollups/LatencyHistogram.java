package io.vigil.store.rollups;

import java.util.Arrays;

/**
 * Latencies of one minute in fixed buckets (about 1.5× apart, from 1 ms to 60 s, then one open bucket), so two
 * partial roll-ups of a minute merge exactly (add the counts) and percentiles are read back with a bounded error
 * (linear within a bucket, never above the minute's maximum). Immutable.
 */
public final class LatencyHistogram {
  /** Upper bounds in milliseconds (inclusive); a value above the last goes to the open bucket. */
  static final double[] BOUNDS = {1, 2, 3, 5, 7, 10, 15, 20, 30, 50, 75, 100, 150, 200, 300, 500, 750, 1_000, 1_500,
      2_000, 3_000, 5_000, 7_500, 10_000, 15_000, 30_000, 60_000};
  public static final int BUCKETS = BOUNDS.length + 1;
  public static final LatencyHistogram EMPTY = new LatencyHistogram(new int[BUCKETS]);

  private final int[] counts;

  private LatencyHistogram(int[] counts) {
    this.counts = counts;
  }

  /** @throws IllegalArgumentException unless there are {@link #BUCKETS} counts, none negative */
  public static LatencyHistogram of(int[] counts) {
    if (counts.length != BUCKETS) throw new IllegalArgumentException("a histogram has " + BUCKETS + " buckets");
    for (int c : counts) if (c < 0) throw new IllegalArgumentException("bucket counts must be >= 0");
    return new LatencyHistogram(counts.clone());
  }

  public static LatencyHistogram single(double latencyMs) {
    int[] counts = new int[BUCKETS];
    counts[bucket(latencyMs)] = 1;
    return new LatencyHistogram(counts);
  }

  static int bucket(double latencyMs) {
    int at = Arrays.binarySearch(BOUNDS, latencyMs);
    return at >= 0 ? at : -at - 1;
  }

  public LatencyHistogram plus(LatencyHistogram other) {
    int[] sum = new int[BUCKETS];
    for (int i = 0; i < BUCKETS; i++) sum[i] = Math.addExact(counts[i], other.counts[i]);
    return new LatencyHistogram(sum);
  }

  public int[] counts() {
    return counts.clone();
  }

  public long samples() {
    long n = 0;
    for (int c : counts) n += c;
    return n;
  }

  /**
   * The latency below which a share {@code q} (0..1] of the samples fall, interpolated within its bucket and capped
   * at {@code maxMs}; null without samples.
   */
  public Double percentile(double q, double maxMs) {
    long samples = samples();
    if (samples == 0) return null;
    long rank = Math.max(1, (long) Math.ceil(q * samples));
    long below = 0;
    for (int i = 0; i < BUCKETS; i++) {
      if (below + counts[i] >= rank) {
        double lower = i == 0 ? 0 : BOUNDS[i - 1];
        double upper = i < BOUNDS.length ? BOUNDS[i] : Math.max(lower, maxMs);
        double value = lower + (upper - lower) * (rank - below) / counts[i];
        return Math.min(value, maxMs);
      }
      below += counts[i];
    }
    return maxMs; // not reached: the ranks add up
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof LatencyHistogram other && Arrays.equals(counts, other.counts);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(counts);
  }

  @Override
  public String toString() {
    return "LatencyHistogram" + Arrays.toString(counts);
  }
}
