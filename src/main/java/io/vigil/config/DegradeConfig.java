package io.vigil.config;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code task_types.<name>.degrade}: what a task type does while the circuit breaker of its target refuses calls.
 * {@code fail-fast} (the default): the attempt fails at once as retryable, and the task is retried later;
 * {@code fallback-handler}: the attempt runs with another handler ({@code handler}, with {@code target} for an http
 * one) and its answer is marked degraded; {@code cache}: a {@code sync_direct} submit is answered from the last good
 * result for the same key (the payload field {@code key}, or the whole payload) no older than {@code cache_ttl_ms},
 * marked degraded (a queued task, or no cached result, fails fast).
 */
public record DegradeConfig(Strategy strategy, String handler, String target, Duration cacheTtl, String key,
                            int cacheSize) {
  public static final DegradeConfig FAIL_FAST = new DegradeConfig(Strategy.FAIL_FAST, "", "", Duration.ZERO, "", 0);

  public enum Strategy {
    FAIL_FAST, FALLBACK_HANDLER, CACHE;

    public String wireName() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
  }

  static DegradeConfig read(ConfigReader t, Set<String> handlers) {
    if (!t.has("degrade")) return FAIL_FAST;
    ConfigReader d = t.child("degrade");
    Map<String, Strategy> strategies = ConfigReader.byWireName(Strategy.values(), Strategy::wireName);
    Strategy strategy = d.oneOf("strategy", strategies, Strategy.FAIL_FAST);
    String handler = d.string("handler", "");
    String target = d.string("target", "");
    Duration ttl = d.millis("cache_ttl_ms", 600_000, 1, 7L * 24 * 3600 * 1000);
    String key = d.string("key", "");
    int size = d.integer("cache_size", 10_000, 1, 1_000_000);
    if (strategy == Strategy.FALLBACK_HANDLER) {
      if (!handlers.contains(handler)) {
        d.problem("handler", "fallback-handler needs the handler to run instead, one of " + new TreeSet<>(handlers));
      } else if (handler.equals("http") && !TaskTypeConfig.isHttpUrl(target)) {
        d.problem("target", "an http fallback needs an absolute http:// or https:// URL");
      }
    }
    return new DegradeConfig(strategy, handler, target, ttl, key, size);
  }
}
