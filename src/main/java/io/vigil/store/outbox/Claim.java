package io.vigil.store.outbox;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * Take up to {@code max} due messages for {@code owner} (a node id) at {@code now}, leased for {@code lease}, only of
 * {@code channels} (empty = every channel; a notifier leaves out channels whose breaker is open).
 */
public record Claim(String owner, Instant now, Duration lease, int max, Set<String> channels) {
  public Claim {
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(now, "now");
    Objects.requireNonNull(lease, "lease");
    if (lease.isNegative() || lease.isZero()) throw new IllegalArgumentException("lease must be > 0");
    if (max < 1) throw new IllegalArgumentException("max must be >= 1");
    channels = channels == null ? Set.of() : Set.copyOf(channels);
  }
}
