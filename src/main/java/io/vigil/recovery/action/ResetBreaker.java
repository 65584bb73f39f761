package io.vigil.recovery.action;

import io.vertx.core.Future;
import io.vigil.kit.Breakers;

/** Closes a named breaker of this node's registry (empty window), so calls go through again at once. */
final class ResetBreaker implements RecoveryAction {
  private final Breakers breakers;
  private final String name;

  ResetBreaker(Breakers breakers, String name) {
    this.breakers = breakers;
    this.name = name;
  }

  @Override
  public Future<ActionResult> run(ActionContext context) {
    return Future.succeededFuture(breakers.find(name).map(b -> {
      String from = b.state().wireName();
      b.machine().reset();
      return ActionResult.ok("breaker " + name + " reset (was " + from + ")");
    }).orElseGet(() -> ActionResult.failed("no breaker named " + name + " on this node")));
  }
}
