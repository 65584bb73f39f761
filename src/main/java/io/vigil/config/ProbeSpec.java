package io.vigil.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * How one component is checked: a probe of one type, each type with its own keys (an {@code http} probe has a URL
 * and expected statuses, a {@code disk} probe a path and free-space minimums). Every probe has the same
 * {@link Timing}. Values only: issue 15's probe verticle runs them. Built and validated by {@link ProbeSpecReader}.
 */
public sealed interface ProbeSpec {
  /** The wire name of the probe type ({@code http}, {@code disk}...). */
  String type();

  Timing timing();

  /**
   * When and how strictly a probe runs.
   *
   * @param failureThreshold consecutive failures before the component turns UNHEALTHY
   * @param successThreshold consecutive successes before it is HEALTHY again (hysteresis)
   */
  record Timing(Duration interval, Duration timeout, int failureThreshold, int successThreshold) {}

  /** A figure that makes the component DEGRADED above {@code degraded} and UNHEALTHY above {@code unhealthy}. */
  record Threshold(double degraded, double unhealthy) {}

  /**
   * @param expectedStatus statuses that count as up; empty = any 2xx
   * @param jsonPointer    RFC 6901 pointer into a JSON body whose value must equal {@code jsonEquals}; "" = none
   * @param degradedAbove  latency above which the component is DEGRADED; zero = never
   */
  record Http(Timing timing, String method, String url, Map<String, String> headers, List<Integer> expectedStatus,
              String bodyContains, String jsonPointer, String jsonEquals, boolean tlsVerify, Duration degradedAbove)
      implements ProbeSpec {
    public String type() { return "http"; }

    @Override
    public String toString() {
      return "Http[url=" + Secrets.maskUrl(url) + ", method=" + method + ", headers=" + headers.keySet() + "]";
    }
  }

  /** Connects to {@code host:port}. */
  record Tcp(Timing timing, String host, int port, Duration degradedAbove) implements ProbeSpec {
    public String type() { return "tcp"; }
  }

  /** Resolves {@code name}. */
  record Dns(Timing timing, String name, Duration degradedAbove) implements ProbeSpec {
    public String type() { return "dns"; }
  }

  /** PING with latency; an empty URL means Vigil's own Redis ({@code redis.url}, or its cluster in cluster mode). */
  record Redis(Timing timing, String url, Duration degradedAbove) implements ProbeSpec {
    public String type() { return "redis"; }

    public boolean own() { return url.isEmpty(); }

    @Override
    public String toString() {
      return "Redis[url=" + (own() ? "(redis.url)" : Secrets.maskUrl(url)) + "]";
    }
  }

  /** {@code SELECT 1} with latency; an empty URL means Vigil's own store ({@code pg.url}). */
  record Postgres(Timing timing, String url, Duration degradedAbove) implements ProbeSpec {
    public String type() { return "postgres"; }

    public boolean own() { return url.isEmpty(); }

    @Override
    public String toString() {
      return "Postgres[url=" + (own() ? "(pg.url)" : Secrets.maskUrl(url)) + "]";
    }
  }

  /** Free space where {@code path} lives: UNHEALTHY below either minimum. */
  record Disk(Timing timing, String path, double minFreePercent, long minFreeBytes) implements ProbeSpec {
    public String type() { return "disk"; }
  }

  /** System and process CPU load, as ratios of all cores. */
  record Cpu(Timing timing, Threshold system, Threshold process) implements ProbeSpec {
    public String type() { return "cpu"; }
  }

  /** Heap used of the maximum, and system memory used, as ratios. */
  record Memory(Timing timing, Threshold heap, Threshold system) implements ProbeSpec {
    public String type() { return "memory"; }
  }

  /** How late a task scheduled on Vigil's event loops runs. */
  record EventLoop(Timing timing, Duration degradedDelay, Duration unhealthyDelay) implements ProbeSpec {
    public String type() { return "eventloop"; }
  }

  /**
   * A Vigil queue: backlog, oldest waiting age, and no progress while work waits. Zero turns a check off.
   *
   * @param stall how long the queue may make no progress while its backlog is above zero
   */
  record Queue(Timing timing, String queue, long maxBacklog, Duration maxOldestAge, Duration stall)
      implements ProbeSpec {
    public String type() { return "queue"; }
  }

  /** A request/reply ping to an event-bus address (a worker on a clustered bus). */
  record EventBus(Timing timing, String address, Duration degradedAbove) implements ProbeSpec {
    public String type() { return "eventbus"; }
  }

  /**
   * A RabbitMQ queue, passively declared: depth and consumers. Zero turns a check off.
   *
   * @param requireConsumers UNHEALTHY when nothing consumes while messages wait
   */
  record Amqp(Timing timing, String url, String queue, long maxDepth, boolean requireConsumers, Duration degradedAbove)
      implements ProbeSpec {
    public String type() { return "amqp"; }

    @Override
    public String toString() {
      return "Amqp[url=" + Secrets.maskUrl(url) + ", queue=" + queue + "]";
    }
  }

  /** A BullMQ queue read from its Redis keys ({@code <prefix>:<queue>:wait}...). Zero turns a check off. */
  record BullMq(Timing timing, String redisUrl, String prefix, String queue, long maxWaiting, long maxFailed,
                Duration degradedAbove) implements ProbeSpec {
    public String type() { return "bullmq"; }

    @Override
    public String toString() {
      return "BullMq[redisUrl=" + Secrets.maskUrl(redisUrl) + ", prefix=" + prefix + ", queue=" + queue + "]";
    }
  }
}
