package io.vigil.recovery.action;

import io.vertx.core.Future;
import io.vigil.config.RecoveryConfig;

/** Switches the component's http probe and http task types to the configured secondary ({@link Failovers}). */
final class Failover implements RecoveryAction {
  private final Failovers failovers;
  private final RecoveryConfig.Failover config;

  Failover(Failovers failovers, RecoveryConfig.Failover config) {
    this.failovers = failovers;
    this.config = config;
  }

  @Override
  public Future<ActionResult> run(ActionContext context) {
    return Future.succeededFuture(failovers.switchToSecondary(context.component(), config));
  }
}
