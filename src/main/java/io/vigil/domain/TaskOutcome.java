package io.vigil.domain;

/** What one attempt of a task produced. Handlers return outcomes as values, not exceptions. */
public sealed interface TaskOutcome {

  /** @param result JSON text, or null when the handler had nothing to say */
  record Succeeded(String result) implements TaskOutcome {}

  record Failed(FailureKind kind, String error) implements TaskOutcome {
    public Failed {
      error = error == null || error.isBlank() ? "unknown error" : error;
    }
  }

  static TaskOutcome success(String result) {
    return new Succeeded(result);
  }

  static TaskOutcome retryable(String error) {
    return new Failed(FailureKind.RETRYABLE, error);
  }

  static TaskOutcome permanent(String error) {
    return new Failed(FailureKind.PERMANENT, error);
  }
}
