package io.vigil.bench;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vigil.queue.ClaimedTask;
import io.vigil.queue.Completion;
import io.vigil.queue.QueueBackend;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
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

  /** One claim-and-ack loop on {@code queue} until a claim finds nothing; {@code done} counts the acked tasks. */
  static Future<Void> drain(Vertx vertx, QueueBackend backend, String queue, int claim, AtomicInteger done) {
    Promise<Void> finished = Promise.promise();
    vertx.runOnContext(v -> step(backend, queue, claim, done, finished));
    return finished.future();
  }

  private static void step(QueueBackend backend, String queue, int claim, AtomicInteger done, Promise<Void> finished) {
    backend.claim(queue, claim, Duration.ofSeconds(30)).onComplete(claimed -> {
      if (claimed.failed()) {
        finished.fail(claimed.cause());
        return;
      }
      List<ClaimedTask> got = claimed.result();
      if (got.isEmpty()) {
        finished.complete();
        return;
      }
      backend.ack(got.stream().map(c -> new Completion(c.lease(), null)).toList()).onComplete(acked -> {
        if (acked.failed()) {
          finished.fail(acked.cause());
          return;
        }
        done.addAndGet(acked.result().applied());
        step(backend, queue, claim, done, finished);
      });
    });
  }
}
