package io.vigil.probe;

import io.vertx.core.Future;
import io.vigil.domain.health.HealthOutcome;
import io.vigil.kit.Breaker;
import io.vigil.kit.BreakerOpenException;

/**
 * A component's probe through its circuit breaker ({@code components.<id>.breaker: true}, breaker {@code probe:<id>}):
 * a failed reading counts against the breaker; while the breaker is open the target is not checked at all and the
 * reading is failed ("circuit open"), so a dependency that is down is not hammered by its own health checks, and its
 * status still says it is down. Degraded and unknown readings count as successes: the target answered.
 */
final class BreakerProbe implements Probe {
  static final String PREFIX = "probe:";

  private final Probe probe;
  private final Breaker breaker;

  BreakerProbe(Probe probe, Breaker breaker) {
    this.probe = probe;
    this.breaker = breaker;
  }

  @Override
  public Future<Reading> check() {
    return breaker.<Reading>execute(() -> probe.check().compose(r -> r.outcome() instanceof HealthOutcome.Failed
            ? Future.failedFuture(new FailedReading(r)) : Future.succeededFuture(r)))
        .recover(e -> Future.succeededFuture(e instanceof FailedReading f ? f.reading
            : e instanceof BreakerOpenException ? Reading.failed("circuit breaker " + breaker.name()
                + " is open: not probed until it lets a trial through")
            : Reading.unknown("the probe itself failed: " + Errors.describe(e))));
  }

  @Override
  public Future<Void> close() {
    return probe.close();
  }

  /** A failed reading carried through the breaker as a failure, so that it counts. */
  private static final class FailedReading extends RuntimeException {
    final Reading reading;

    FailedReading(Reading reading) {
      super("failed reading", null, false, false);
      this.reading = reading;
    }
  }
}
