package io.vigil.domain;

/**
 * One-shot timers and deferred work, so time-driven plain classes run on Vert.x in production
 * ({@code kit/VertxTimers}) and on a hand-moved clock in tests ({@code testing/FakeTimers}). Implementations run every
 * action on the thread (event loop) that owns the caller, never inline in the call that scheduled it.
 */
public interface Timers {
  /** Runs {@code action} once after {@code delayMs} (at least 1 ms); answers an id for {@link #cancel}. */
  long schedule(long delayMs, Runnable action);

  /** Cancels a timer that has not fired yet; an unknown or fired id is ignored. */
  void cancel(long id);

  /**
   * Runs {@code action} soon, after the current work returns, without waiting for time to pass: how a class re-enters
   * its own loop without recursion.
   */
  void defer(Runnable action);
}
