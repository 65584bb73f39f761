package io.vigil.probe;

import java.util.Arrays;

/** The last N scheduling latenesses (ms a check ran after its due time), for p50 / p99 / max. Not thread-safe. */
final class Drift {
  private final long[] samples;
  private int next;
  private int size;

  Drift(int capacity) {
    this.samples = new long[capacity];
  }

  void add(long lateMs) {
    samples[next] = lateMs;
    next = (next + 1) % samples.length;
    size = Math.min(size + 1, samples.length);
  }

  int size() {
    return size;
  }

  /** The {@code q} quantile (0..1] of the samples kept, by nearest rank; 0 when there are none. */
  long quantile(double q) {
    if (size == 0) return 0;
    long[] sorted = Arrays.copyOf(samples, size);
    Arrays.sort(sorted);
    int rank = (int) Math.ceil(q * size);
    return sorted[Math.max(0, Math.min(size, rank) - 1)];
  }
}
