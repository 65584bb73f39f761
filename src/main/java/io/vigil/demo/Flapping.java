package io.vigil.demo;

import java.time.Duration;

/**
 * The demo dependency's weather over one cycle: fine, then slow, then down, then fine again for a long while. The
 * trouble comes early in the cycle, so a newcomer sees the components panel change within a minute of starting.
 */
final class Flapping {
  enum Phase { OK, SLOW, DOWN }

  static final Duration CYCLE = Duration.ofMinutes(2);
  /** Where each phase ends within a cycle, in ms: OK until 20 s, SLOW until 30 s, DOWN until 50 s, then OK. */
  private static final long SLOW_FROM = 20_000;
  private static final long DOWN_FROM = 30_000;
  private static final long OK_AGAIN = 50_000;

  private Flapping() {}

  /** When the outage of the cycle holding {@code elapsedMs} starts, in ms since the demo started. */
  static long outageStart(long elapsedMs) {
    return Math.floorDiv(elapsedMs, CYCLE.toMillis()) * CYCLE.toMillis() + DOWN_FROM;
  }

  /** The phase {@code elapsedMs} after the demo started. */
  static Phase at(long elapsedMs) {
    long t = Math.floorMod(elapsedMs, CYCLE.toMillis());
    if (t < SLOW_FROM || t >= OK_AGAIN) return Phase.OK;
    return t < DOWN_FROM ? Phase.SLOW : Phase.DOWN;
  }
}
