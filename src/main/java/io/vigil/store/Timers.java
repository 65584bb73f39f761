package io.vigil.store;

/** One-shot timers, so time-driven logic runs on Vert.x in production and on a hand-moved clock in tests. */
public interface Timers {
  /** Runs {@code action} once after {@code delayMs}; answers an id for {@link #cancel}. */
  long schedule(long delayMs, Runnable action);

  void cancel(long id);

  static Timers of(io.vertx.core.Vertx vertx) {
    return new Timers() {
      @Override
      public long schedule(long delayMs, Runnable action) {
        return vertx.setTimer(Math.max(1, delayMs), id -> action.run());
      }

      @Override
      public void cancel(long id) {
        vertx.cancelTimer(id);
      }
    };
  }
}
