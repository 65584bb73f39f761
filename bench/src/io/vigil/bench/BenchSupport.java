package io.vigil.bench;

import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** Small helpers shared by the queue and HTTP benchmarks: arguments, heap, free ports, result lines. */
final class BenchSupport {
  private BenchSupport() {}

  /** {@code --name value} from args, else the default. */
  static int intArg(String[] args, String name, int fallback) {
    for (int i = 0; i + 1 < args.length; i++) {
      if (args[i].equals(name)) return Integer.parseInt(args[i + 1].replace("_", ""));
    }
    return fallback;
  }

  /** Heap in use after two full collections: what the live objects really hold. */
  static long heapUsedAfterGc() {
    for (int i = 0; i < 2; i++) {
      System.gc();
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  /** CPU time of the whole process (every thread, GC and JIT included), in nanoseconds. */
  static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
  }

  /** CPU time of the calling thread, in nanoseconds. */
  static long threadCpuNanos() {
    return ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
  }

  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    } catch (java.io.IOException e) {
      throw new IllegalStateException("no free port", e);
    }
  }

  static double perSecond(long count, long nanos) {
    return count * 1e9 / nanos;
  }

  static double millis(long nanos) {
    return nanos / 1e6;
  }

  /**
   * One machine-readable line per measured run, {@code RESULT <bench> key=value ...}; the scripts collect
   * them across runs and {@link Summarize} prints median and spread.
   */
  static final class Result {
    private final String bench;
    private final Map<String, String> values = new LinkedHashMap<>();

    Result(String bench) {
      this.bench = bench;
    }

    Result put(String key, double value) {
      values.put(key, String.format(Locale.ROOT, "%.1f", value));
      return this;
    }

    Result put(String key, long value) {
      values.put(key, Long.toString(value));
      return this;
    }

    void print() {
      StringBuilder line = new StringBuilder("RESULT ").append(bench);
      values.forEach((k, v) -> line.append(' ').append(k).append('=').append(v));
      System.out.println(line);
    }
  }
}
