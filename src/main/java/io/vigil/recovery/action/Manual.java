package io.vigil.recovery.action;

import io.vertx.core.Future;

/** No automatic fix: the run escalates at once ("manual intervention required"). */
final class Manual implements RecoveryAction {
  @Override
  public Future<ActionResult> run(ActionContext context) {
    return Future.succeededFuture(ActionResult.escalate("the plan asks for a person"));
  }
}
