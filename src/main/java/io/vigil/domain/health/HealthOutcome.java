package io.vigil.domain.health;

/**
 * What one check, call or write showed, as a value: never an exception. Probes, the queue backend's health check
 * and the store writer all report through it.
 */
public sealed interface HealthOutcome {
  /** It answered and all is well. */
  record Ok() implements HealthOutcome {}

  /** It answered, but not well (slow, partial, close to a limit): {@code reason} says how. */
  record Degraded(String reason) implements HealthOutcome {}

  /** It did not answer or answered wrongly: {@code error} says what happened. */
  record Failed(String error) implements HealthOutcome {}

  /** The check could not be made (no sample yet, the checker itself failed): no evidence either way. */
  record Unknown(String reason) implements HealthOutcome {}

  HealthOutcome OK = new Ok();

  static HealthOutcome ok() {
    return OK;
  }

  static HealthOutcome degraded(String reason) {
    return new Degraded(reason);
  }

  static HealthOutcome failed(String error) {
    return new Failed(error);
  }

  static HealthOutcome unknown(String reason) {
    return new Unknown(reason);
  }
}
