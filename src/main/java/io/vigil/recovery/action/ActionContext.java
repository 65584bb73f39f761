package io.vigil.recovery.action;

/** The attempt an action runs for: what hooks and logs name. */
public record ActionContext(String component, String runId, String attemptId, String action, int attempt,
                            String trigger) {}
