package io.vigil.domain;

/** What one attempt of a task produced. Handlers return outcomes as values, not exceptions. */
public sealed interface TaskOutcome {

  /**
   * @param result   JSON text, or null when the handler had nothing to say
   * @param degraded set when the answer was given while the target's breaker was open (a fallback or a cached
   *                 result), null for the target's own answer
   */
  record Succeeded(String result, Degraded degraded) implements TaskOutcome {
    public Succeeded(String result) {
      this(result, null);
    }
  }

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
