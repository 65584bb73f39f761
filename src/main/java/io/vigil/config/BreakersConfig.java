package io.vigil.config;

import io.vigil.domain.breaker.BreakerPolicy;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code breakers:}: the options every circuit breaker starts from, the options of named breakers ({@code named:},
 * each key it leaves out taken from the defaults), and whether breaker states are shared between nodes through
 * Redis ({@code shared}, when {@code redis.url} is set). Live: a reload applies the options to existing breakers too;
 * {@code shared} waits for a restart.
 */
public record BreakersConfig(BreakerPolicy defaults, Map<String, BreakerPolicy> named, boolean shared) {
  /** What a breaker name may look like: {@code http:api.example.com:443}, {@code notify:ops}, {@code probe:db}. */
  public static final String NAME_PATTERN = "[A-Za-z0-9][A-Za-z0-9:._-]{0,199}";

  public BreakersConfig {
    named = Map.copyOf(named);
  }

  public BreakersConfig(BreakerPolicy defaults) {
    this(defaults, Map.of(), true);
  }

  /** The options of the breaker named {@code name}: its own entry, else the defaults. */
  public BreakerPolicy policyFor(String name) {
    return named.getOrDefault(name, defaults);
  }

  static BreakersConfig read(ConfigReader r) {
    ConfigReader b = r.child("breakers");
    BreakerPolicy defaults = policy(b, BreakerPolicy.DEFAULTS);
    Map<String, BreakerPolicy> named = new LinkedHashMap<>();
    b.entries("named", b).forEach((name, entry) -> {
      if (!name.matches(NAME_PATTERN)) entry.problem("", "a breaker name must match " + NAME_PATTERN);
      named.put(name, policy(entry, defaults));
    });
    return new BreakersConfig(defaults, named, b.bool("shared", true));
  }

  private static BreakerPolicy policy(ConfigReader b, BreakerPolicy fallback) {
    BreakerPolicy.Window window = b.oneOf("window", ConfigReader.byWireName(BreakerPolicy.Window.values(),
        BreakerPolicy.Window::wireName), fallback.window());
    int size = b.integer("window_size", fallback.windowSize(), 1, 10_000);
    int minimum = b.integer("minimum_calls", fallback.minimumCalls(), 1, 10_000);
    double failureRate = b.decimal("failure_rate_percent", fallback.failureRatePercent(), 1, 100);
    long slowCallMs = b.longValue("slow_call_ms", fallback.slowCall().toMillis(), 0, 3_600_000);
    double slowRate = b.decimal("slow_call_rate_percent", fallback.slowCallRatePercent(), 1, 100);
    long openMs = b.longValue("open_ms", fallback.openDuration().toMillis(), 1, 86_400_000);
    int trials = b.integer("half_open_calls", fallback.halfOpenCalls(), 1, 1_000);
    long timeoutMs = b.longValue("call_timeout_ms", fallback.callTimeout().toMillis(), 0, 3_600_000);
    try {
      return new BreakerPolicy(window, size, minimum, failureRate, Duration.ofMillis(slowCallMs), slowRate,
          Duration.ofMillis(openMs), trials, Duration.ofMillis(timeoutMs));
    } catch (IllegalArgumentException e) {
      b.problem("", e.getMessage());
      return fallback;
    }
  }
}
