package io.vigil.recovery.action;

import io.vertx.core.Future;

/**
 * One kind of recovery action, built from its configuration by {@link Actions}. {@link #run} does its part and answers
 * an {@link ActionResult} (a failure is a value, not a failed future; a failed future counts as a failure too).
 * Whether the component healed is decided afterwards, by probing it again.
 */
public interface RecoveryAction {
  Future<ActionResult> run(ActionContext context);
}
