package io.vigil.domain;

import java.time.Clock;
import java.time.Duration;

/**
 * A token bucket: {@code ratePerSecond} tokens accrue continuously up to {@code burst}. Not thread-safe; each
 * queue runner owns its own.
 */
public final class TokenBucket {
  private final double ratePerSecond;
  private final double burst;
  private final Clock clock;
  private double tokens;
  private long lastRefillNanos;

  public TokenBucket(double ratePerSecond, double burst, Clock clock) {
    if (ratePerSecond <= 0) throw new IllegalArgumentException("ratePerSecond must be > 0");
    if (burst < 1) throw new IllegalArgumentException("burst must be >= 1");
    this.ratePerSecond = ratePerSecond;
    this.burst = burst;
    this.clock = clock;
    this.tokens = burst;
    this.lastRefillNanos = nowNanos();
  }

  /** Takes up to {@code wanted} whole tokens; returns how many were granted. */
  public int take(int wanted) {
    refill();
    int granted = (int) Math.min(wanted, Math.floor(tokens));
    tokens -= granted;
    return granted;
  }

  /** Gives back tokens that were taken but not used (e.g. a claim returned fewer tasks). */
  public void giveBack(int unused) {
    tokens = Math.min(burst, tokens + unused);
  }

  /** How long until at least one token is available. */
  public Duration untilNextToken() {
    refill();
    if (tokens >= 1) return Duration.ZERO;
    return Duration.ofNanos((long) Math.ceil((1 - tokens) / ratePerSecond * 1e9));
  }

  private void refill() {
    long now = nowNanos();
    long elapsed = now - lastRefillNanos;
    if (elapsed > 0) {
      tokens = Math.min(burst, tokens + elapsed / 1e9 * ratePerSecond);
      lastRefillNanos = now;
    }
  }

  private long nowNanos() {
    var instant = clock.instant();
    return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
  }
}
