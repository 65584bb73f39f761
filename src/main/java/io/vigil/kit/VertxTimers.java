package io.vigil.kit;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vigil.domain.Timers;

/** {@link Timers} on Vert.x: bound to one verticle's context, or following whoever schedules. */
public final class VertxTimers implements Timers {
  private final Vertx vertx;
  /** Null: timers fire on the context of the caller that set them. */
  private final Context context;

  private VertxTimers(Vertx vertx, Context context) {
    this.vertx = vertx;
    this.context = context;
  }

  /**
   * Timers and deferred actions that run on {@code context}'s event loop, so a class confined to one verticle stays
   * confined. Create it in the verticle's {@code start()} with {@code context}.
   */
  public static Timers on(Context context) {
    return new VertxTimers(context.owner(), context);
  }

  /**
   * Timers that fire on the context of the code that sets them: for an object several verticles share (the
   * {@link Breakers} registry), so each caller's timeout fires on its own event loop.
   */
  public static Timers ofCaller(Vertx vertx) {
    return new VertxTimers(vertx, null);
  }

  @Override
  public long schedule(long delayMs, Runnable action) {
    long delay = Math.max(1, delayMs);
    if (context == null || Vertx.currentContext() == context) return vertx.setTimer(delay, id -> action.run());
    return vertx.setTimer(delay, id -> context.runOnContext(v -> action.run())); // set from another thread
  }

  @Override
  public void cancel(long id) {
    vertx.cancelTimer(id);
  }

  @Override
  public void defer(Runnable action) {
    (context != null ? context : vertx.getOrCreateContext()).runOnContext(v -> action.run());
  }
}
