package io.vigil.config;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads a component's {@code probe:} node as the probe type its {@code type} key names. Each type's reader reads
 * only that type's keys (plus the timing every probe has), so a key of another type is reported as unknown at its
 * exact path. The per-type defaults are named constants here; the timing defaults come from {@code probe_defaults}.
 */
final class ProbeSpecReader {
  static final long MAX_INTERVAL_MS = 24L * 3600 * 1000;
  static final long MAX_TIMEOUT_MS = 10L * 60 * 1000;
  static final String HTTP_METHOD = "GET";
  static final Set<String> HTTP_METHODS = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");
  static final String DISK_PATH = ".";
  static final double DISK_MIN_FREE_PERCENT = 5;
  static final ProbeSpec.Threshold CPU = new ProbeSpec.Threshold(0.85, 0.95);
  static final ProbeSpec.Threshold HEAP = new ProbeSpec.Threshold(0.85, 0.95);
  static final ProbeSpec.Threshold SYSTEM_MEMORY = new ProbeSpec.Threshold(0.90, 0.98);
  static final long EVENTLOOP_DEGRADED_MS = 100;
  static final long EVENTLOOP_UNHEALTHY_MS = 1_000;
  static final long QUEUE_STALL_MS = 5L * 60 * 1000;
  static final String BULLMQ_PREFIX = "bull";

  private final ProbeSpec.Timing defaults;
  private final Set<String> queues;
  private final Map<String, Function<ConfigReader, ProbeSpec>> types = new LinkedHashMap<>();

  ProbeSpecReader(ProbeSpec.Timing defaults, Set<String> queues) {
    this.defaults = defaults;
    this.queues = queues;
    types.put("http", this::http);
    types.put("tcp", p -> new ProbeSpec.Tcp(timing(p), p.requiredString("host"), p.integer("port", 1, 65535), latency(p)));
    types.put("dns", p -> new ProbeSpec.Dns(timing(p), p.requiredString("name"), latency(p)));
    types.put("redis", p -> new ProbeSpec.Redis(timing(p), url(p, "url", false, "redis", "rediss"), latency(p)));
    types.put("postgres", p -> new ProbeSpec.Postgres(timing(p), url(p, "url", false, "postgresql", "postgres"),
        latency(p)));
    types.put("disk", p -> new ProbeSpec.Disk(timing(p), p.string("path", DISK_PATH),
        p.decimal("min_free_percent", DISK_MIN_FREE_PERCENT, 0, 100), p.longValue("min_free_bytes", 0, 0, Long.MAX_VALUE)));
    types.put("cpu", p -> new ProbeSpec.Cpu(timing(p), threshold(p, "system", CPU), threshold(p, "process", CPU)));
    types.put("memory", p -> new ProbeSpec.Memory(timing(p), threshold(p, "heap", HEAP),
        threshold(p, "system", SYSTEM_MEMORY)));
    types.put("eventloop", this::eventLoop);
    types.put("queue", this::queue);
    types.put("eventbus", p -> new ProbeSpec.EventBus(timing(p), p.requiredString("address"), latency(p)));
    types.put("amqp", p -> new ProbeSpec.Amqp(timing(p), url(p, "url", true, "amqp", "amqps"), p.requiredString("queue"),
        p.longValue("max_depth", 0, 0, Long.MAX_VALUE), p.bool("require_consumers", true), latency(p)));
    types.put("bullmq", p -> new ProbeSpec.BullMq(timing(p), url(p, "redis_url", true, "redis", "rediss"),
        p.string("prefix", BULLMQ_PREFIX), p.requiredString("queue"), p.longValue("max_waiting", 0, 0, Long.MAX_VALUE),
        p.longValue("max_failed", 0, 0, Long.MAX_VALUE), latency(p)));
  }

  /** The probe types, by wire name. */
  Set<String> typeNames() {
    return types.keySet();
  }

  /** The probe under {@code probe}, or null when its type is unknown (reported). */
  ProbeSpec read(ConfigReader probe) {
    return probe.kind("type", types);
  }

  /** The timing every probe has; {@code probe_defaults} when the probe does not set it. */
  static ProbeSpec.Timing readDefaults(ConfigReader section) {
    return new ProbeSpec.Timing(section.millis("interval_ms", 100, MAX_INTERVAL_MS),
        section.millis("timeout_ms", 1, MAX_TIMEOUT_MS), section.integer("failure_threshold", 1, 100),
        section.integer("success_threshold", 1, 100));
  }

  private ProbeSpec.Timing timing(ConfigReader p) {
    ProbeSpec.Timing timing = new ProbeSpec.Timing(
        p.millis("interval_ms", defaults.interval().toMillis(), 100, MAX_INTERVAL_MS),
        p.millis("timeout_ms", defaults.timeout().toMillis(), 1, MAX_TIMEOUT_MS),
        p.integer("failure_threshold", defaults.failureThreshold(), 1, 100),
        p.integer("success_threshold", defaults.successThreshold(), 1, 100));
    if (timing.timeout().compareTo(timing.interval()) > 0) {
      p.problem("timeout_ms", timing.timeout().toMillis() + " must not exceed interval_ms ("
          + timing.interval().toMillis() + "): a probe would still run when the next one is due");
    }
    return timing;
  }

  private static Duration latency(ConfigReader p) {
    return p.millis("degraded_latency_ms", 0, 0, MAX_TIMEOUT_MS);
  }

  private ProbeSpec http(ConfigReader p) {
    String method = p.string("method", HTTP_METHOD).toUpperCase(java.util.Locale.ROOT);
    if (!HTTP_METHODS.contains(method)) p.problem("method", "'" + method + "' is not one of " + new java.util.TreeSet<>(HTTP_METHODS));
    String url = url(p, "url", true, "http", "https");
    Map<String, String> headers = p.has("headers") ? p.stringMap("headers") : Map.of();
    List<Integer> statuses = p.integers("expected_status", List.of(), 100, 599);
    String pointer = p.string("json_pointer", "");
    if (!pointer.isEmpty() && !pointer.startsWith("/")) p.problem("json_pointer", "a JSON pointer starts with '/' (RFC 6901)");
    String equals = p.string("json_equals", "");
    if (!equals.isEmpty() && pointer.isEmpty()) p.problem("json_equals", "needs json_pointer: which value to compare");
    return new ProbeSpec.Http(timing(p), method, url, headers, statuses, p.string("body_contains", ""), pointer, equals,
        p.bool("tls_verify", true), latency(p));
  }

  private ProbeSpec eventLoop(ConfigReader p) {
    Duration degraded = p.millis("delay_degraded_ms", EVENTLOOP_DEGRADED_MS, 1, MAX_TIMEOUT_MS);
    Duration unhealthy = p.millis("delay_unhealthy_ms", EVENTLOOP_UNHEALTHY_MS, 1, MAX_TIMEOUT_MS);
    if (unhealthy.compareTo(degraded) < 0) {
      p.problem("delay_unhealthy_ms", "must be at least delay_degraded_ms (" + degraded.toMillis() + ")");
    }
    return new ProbeSpec.EventLoop(timing(p), degraded, unhealthy);
  }

  private ProbeSpec queue(ConfigReader p) {
    String queue = p.requiredString("queue");
    if (!queue.isEmpty() && !queues.contains(queue)) {
      p.problem("queue", "'" + queue + "' is not one of the queues " + queues
          + Suggestions.closest(queue, queues).map(s -> " — did you mean " + s + "?").orElse(""));
    }
    return new ProbeSpec.Queue(timing(p), queue, p.longValue("max_backlog", 0, 0, Long.MAX_VALUE),
        p.millis("max_oldest_age_ms", 0, 0, 365L * 24 * 3600 * 1000), p.millis("stall_ms", QUEUE_STALL_MS, 0, MAX_INTERVAL_MS));
  }

  private static ProbeSpec.Threshold threshold(ConfigReader p, String figure, ProbeSpec.Threshold fallback) {
    double degraded = p.decimal(figure + "_degraded", fallback.degraded(), 0, 1);
    double unhealthy = p.decimal(figure + "_unhealthy", fallback.unhealthy(), 0, 1);
    if (unhealthy < degraded) p.problem(figure + "_unhealthy", "must be at least " + figure + "_degraded (" + degraded + ")");
    return new ProbeSpec.Threshold(degraded, unhealthy);
  }

  /** A URL with one of {@code schemes}; when not {@code required}, empty means "Vigil's own connection". */
  private static String url(ConfigReader p, String key, boolean required, String... schemes) {
    String url = p.string(key, "");
    if (url.isEmpty()) {
      if (required) p.problem(key, "is required");
      return url;
    }
    try {
      URI uri = URI.create(url);
      if (uri.getScheme() != null && List.of(schemes).contains(uri.getScheme()) && uri.getHost() != null) return url;
    } catch (IllegalArgumentException e) {
      // reported below
    }
    p.problem(key, "'" + Secrets.maskUrl(url) + "' is not an absolute " + String.join(" or ", List.of(schemes))
        + " URL" + (required ? "" : " (leave it empty for Vigil's own connection)"));
    return url;
  }
}
