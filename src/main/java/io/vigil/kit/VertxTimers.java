package io.vigil.kit;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vigil.domain.Timers;

/**
 * {@link Timers} on a Vert.x context: timers and deferred actions run on that context's event loop, so a class
 * confined to one verticle stays confined. Create it in the verticle's {@code start()} with {@code context}.
 */
public final class VertxTimers implements Timers {
  private final Context context;

  public VertxTimers(Context context) {
    this.context = context;
  }

  @Override
  public long schedule(long delayMs, Runnable action) {
    long delay = Math.max(1, delayMs);
    if (Vertx.currentContext() == context) return context.owner().setTimer(delay, id -> action.run());
    return context.owner().setTimer(delay, id -> context.runOnContext(v -> action.run())); // called from elsewhere
  }

  @Override
  public void cancel(long id) {
    context.owner().cancelTimer(id);
  }

  @Override
  public void defer(Runnable action) {
    context.runOnContext(v -> action.run());
  }
}
