package io.vigil.bus;

/** Carries a {@link Failure} through a failed future. No stack trace: it is an answer, not a bug. */
public final class FailureException extends RuntimeException {
  private final Failure failure;

  public FailureException(Failure failure) {
    super(failure.code() + ": " + failure.detail(), null, false, false);
    this.failure = failure;
  }

  public Failure failure() {
    return failure;
  }
}
