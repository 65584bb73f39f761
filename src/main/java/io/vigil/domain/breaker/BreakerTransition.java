package io.vigil.domain.breaker;

import java.time.Instant;

/**
 * A breaker changed state: a fact, published once per change. {@code failureRate} is the window's failure rate in
 * percent at that moment.
 */
public record BreakerTransition(String name, BreakerState from, BreakerState to, Instant at, double failureRate,
                                BreakerTrigger reason) {}
