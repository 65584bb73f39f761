package io.vigil.recovery.action;

/**
 * What an action did: it ran ({@code ok}), failed ({@code error}), or asks for a person at once ({@code escalate},
 * the {@code manual} action).
 */
public record ActionResult(boolean ok, boolean escalate, String detail) {
  public static ActionResult ok(String detail) {
    return new ActionResult(true, false, detail);
  }

  public static ActionResult failed(String error) {
    return new ActionResult(false, false, error);
  }

  public static ActionResult escalate(String reason) {
    return new ActionResult(false, true, reason);
  }
}
