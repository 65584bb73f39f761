package io.vigil.kit;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vigil.domain.breaker.BreakerState;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.ToDoubleFunction;

/**
 * Every breaker of the node's registry as metrics, read at scrape time from the breaker (nothing is added to the
 * call path): {@code vigil_breaker_state{breaker, state}} (1 for the state it is in, 0 for the others) and
 * {@code vigil_breaker_calls_total{breaker, outcome}} with {@code succeeded}, {@code failed} (answered with a failure),
 * {@code timed_out} (failed by the breaker's call timeout) and {@code rejected} (refused, not made).
 */
final class BreakerMeters {
  private final MeterRegistry registry;
  private final List<Meter> meters = new CopyOnWriteArrayList<>();

  BreakerMeters(MeterRegistry registry) {
    this.registry = registry;
  }

  void register(Breaker breaker) {
    String name = breaker.name();
    for (BreakerState state : BreakerState.values()) {
      meters.add(Gauge.builder("vigil_breaker_state", breaker, b -> b.state() == state ? 1 : 0)
          .description("1 for the state the circuit breaker is in, 0 for the others")
          .tag("breaker", name).tag("state", state.wireName()).strongReference(true).register(registry));
    }
    calls(breaker, "succeeded", b -> b.snapshot().succeeded());
    calls(breaker, "failed", b -> b.snapshot().failed() - b.timedOut());
    calls(breaker, "timed_out", Breaker::timedOut);
    calls(breaker, "rejected", b -> b.snapshot().rejected());
  }

  private void calls(Breaker breaker, String outcome, ToDoubleFunction<Breaker> count) {
    meters.add(FunctionCounter.builder("vigil_breaker_calls", breaker, count)
        .description("Calls through the circuit breaker by outcome").tag("breaker", breaker.name())
        .tag("outcome", outcome).register(registry));
  }

  void close() {
    meters.forEach(registry::remove);
    meters.clear();
  }
}
