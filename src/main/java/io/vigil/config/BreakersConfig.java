package io.vigil.config;

import io.vigil.domain.breaker.BreakerPolicy;

import java.time.Duration;

/** {@code breakers:}: the options every circuit breaker starts from (per-breaker entries come with recovery). */
public record BreakersConfig(BreakerPolicy defaults) {

  static BreakersConfig read(ConfigReader r) {
    BreakerPolicy.Window window = r.oneOf("breakers.window", ConfigReader.byWireName(BreakerPolicy.Window.values(),
        BreakerPolicy.Window::wireName), BreakerPolicy.Window.COUNT);
    int size = r.integer("breakers.window_size", 1, 10_000);
    int minimum = r.integer("breakers.minimum_calls", 1, 10_000);
    double failureRate = r.decimal("breakers.failure_rate_percent", 1, 100);
    long slowCallMs = r.longValue("breakers.slow_call_ms", 0, 3_600_000);
    double slowRate = r.decimal("breakers.slow_call_rate_percent", 1, 100);
    long openMs = r.longValue("breakers.open_ms", 1, 86_400_000);
    int trials = r.integer("breakers.half_open_calls", 1, 1_000);
    long timeoutMs = r.longValue("breakers.call_timeout_ms", 0, 3_600_000);
    try {
      return new BreakersConfig(new BreakerPolicy(window, size, minimum, failureRate, Duration.ofMillis(slowCallMs),
          slowRate, Duration.ofMillis(openMs), trials, Duration.ofMillis(timeoutMs)));
    } catch (IllegalArgumentException e) {
      r.problem("breakers", e.getMessage());
      return new BreakersConfig(BreakerPolicy.DEFAULTS);
    }
  }
}
