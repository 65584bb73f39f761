package io.vigil.config;

import io.vigil.domain.Jitter;
import io.vigil.domain.RetryPolicy;

import java.net.URI;
import java.time.Duration;
import java.util.Set;

/**
 * One task type: where its tasks queue, which handler runs them, how they retry, and what it does while its target's
 * circuit breaker is open ({@code degrade}).
 */
public record TaskTypeConfig(String name, String queue, String handler, String target, Duration timeout,
                             int maxAttempts, RetryPolicy retry, DegradeConfig degrade) {

  public TaskTypeConfig(String name, String queue, String handler, String target, Duration timeout, int maxAttempts,
                        RetryPolicy retry) {
    this(name, queue, handler, target, timeout, maxAttempts, retry, DegradeConfig.FAIL_FAST);
  }

  /** The same type run by another handler at another target (a fallback), failing fast itself. */
  public TaskTypeConfig runBy(String otherHandler, String otherTarget) {
    return new TaskTypeConfig(name, queue, otherHandler, otherTarget, timeout, maxAttempts, retry,
        DegradeConfig.FAIL_FAST);
  }

  /** {@code r} is the type's node ({@code task_types.<name>}), which takes what it does not set from {@code task_type_defaults}. */
  static TaskTypeConfig read(ConfigReader r, String name, Set<String> queues, Set<String> handlers) {
    String queue = r.string("queue");
    if (!queues.contains(queue)) {
      r.problem("queue", "'" + queue + "' is not one of the queues " + queues
          + Suggestions.closest(queue, queues).map(s -> " — did you mean " + s + "?").orElse(""));
    }
    String handler = r.string("handler");
    if (!handlers.contains(handler)) {
      r.problem("handler", "'" + handler + "' is not one of " + new java.util.TreeSet<>(handlers)
          + Suggestions.closest(handler, handlers).map(s -> " — did you mean " + s + "?").orElse(""));
    }
    String target = r.string("target");
    if (handler.equals("http") && !isHttpUrl(target)) {
      r.problem("target", "the http handler needs an absolute http:// or https:// URL");
    }
    Duration base = r.millis("backoff.base_ms", 0, 24L * 3600 * 1000);
    double factor = r.decimal("backoff.factor", 1.0, 100.0);
    Duration max = r.millis("backoff.max_ms", 0, 7L * 24 * 3600 * 1000);
    Jitter jitter = r.oneOf("backoff.jitter", ConfigReader.byWireName(Jitter.values(), Jitter::wireName), Jitter.FULL);
    if (max.compareTo(base) < 0) {
      r.problem("backoff.max_ms", "must be at least backoff.base_ms (" + base.toMillis() + ")");
      max = base;
    }
    return new TaskTypeConfig(name, queue, handler, target,
        r.millis("timeout_ms", 1, 24L * 3600 * 1000),
        r.integer("max_attempts", 1, 1000),
        new RetryPolicy(base, factor, max, jitter), DegradeConfig.read(r, handlers));
  }

  static boolean isHttpUrl(String text) {
    try {
      URI uri = URI.create(text);
      return (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null);
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
