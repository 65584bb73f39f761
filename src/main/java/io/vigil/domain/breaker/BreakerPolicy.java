package io.vigil.domain.breaker;

import java.time.Duration;
import java.util.Locale;

/**
 * When a breaker opens and how it comes back. The failure rate (and, when {@code slowCall} is set, the slow-call
 * rate) is taken over a sliding {@code window} of the last {@code windowSize} calls ({@link Window#COUNT}) or of the
 * calls of the last {@code windowSize} seconds ({@link Window#TIME}); it counts once the window holds
 * {@code minimumCalls}. An open breaker refuses calls for {@code openDuration}, then lets {@code halfOpenCalls} trial
 * calls through: all must succeed to close it, one failure re-opens it. {@code callTimeout} is how long a guarded
 * call may take before it fails and counts as a failure ({@link Duration#ZERO}: no timeout of the breaker's own).
 * Rates are percentages. Every value is checked, and a bad one is named.
 */
public record BreakerPolicy(Window window, int windowSize, int minimumCalls, double failureRatePercent,
                            Duration slowCall, double slowCallRatePercent, Duration openDuration, int halfOpenCalls,
                            Duration callTimeout) {

  /** How the window of recent calls is kept. */
  public enum Window {
    /** The last {@code windowSize} calls. */
    COUNT,
    /** The calls of the last {@code windowSize} seconds. */
    TIME;

    public String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** The defaults (the same as {@code breakers:} in the bundled {@code conf/vigil.yaml}). */
  public static final BreakerPolicy DEFAULTS = new BreakerPolicy(Window.COUNT, 20, 5, 50, Duration.ZERO, 100,
      Duration.ofSeconds(10), 3, Duration.ZERO);

  public BreakerPolicy {
    if (window == null) throw new IllegalArgumentException("window must be count or time");
    if (windowSize < 1 || windowSize > 10_000) throw new IllegalArgumentException("window_size must be in [1, 10000]");
    if (minimumCalls < 1) throw new IllegalArgumentException("minimum_calls must be >= 1");
    if (window == Window.COUNT && minimumCalls > windowSize) {
      throw new IllegalArgumentException("minimum_calls (" + minimumCalls + ") must not exceed window_size ("
          + windowSize + ") for a count window, or the breaker could never open");
    }
    if (!(failureRatePercent > 0 && failureRatePercent <= 100)) {
      throw new IllegalArgumentException("failure_rate_percent must be in (0, 100]");
    }
    if (slowCall == null || slowCall.isNegative()) throw new IllegalArgumentException("slow_call_ms must be >= 0");
    if (!(slowCallRatePercent > 0 && slowCallRatePercent <= 100)) {
      throw new IllegalArgumentException("slow_call_rate_percent must be in (0, 100]");
    }
    if (openDuration == null || openDuration.isNegative() || openDuration.isZero()) {
      throw new IllegalArgumentException("open_ms must be > 0");
    }
    if (halfOpenCalls < 1) throw new IllegalArgumentException("half_open_calls must be >= 1");
    if (callTimeout == null || callTimeout.isNegative()) {
      throw new IllegalArgumentException("call_timeout_ms must be >= 0");
    }
  }

  /** Whether slow calls are counted at all. */
  public boolean countsSlowCalls() {
    return !slowCall.isZero();
  }
}
