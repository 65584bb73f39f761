package io.vigil.store;

/**
 * A read-modify-write lost: the row changed (or appeared, or went) since the caller read it. Not an outage and not bad
 * data: read again and decide again.
 */
public final class StoreConflictException extends RuntimeException {

  /** What the write ran into. */
  public enum Reason {
    /** An open alarm with this fingerprint exists already ({@link #existingId()} names it). */
    ALREADY_OPEN,
    /** The row's version is not the one the caller read: someone else wrote it first. */
    STALE_VERSION,
    /** The row is gone (never existed, or retention deleted it). */
    MISSING,
    /** The caller's lease on an outbox row ran out and another claimer took it. */
    LEASE_LOST
  }

  private final Reason reason;
  private final String existingId;

  public StoreConflictException(Reason reason, String message, String existingId) {
    super(message, null, false, false); // an expected outcome: no stack trace
    this.reason = reason;
    this.existingId = existingId;
  }

  public Reason reason() {
    return reason;
  }

  /** The id of the row the write collided with, when there is one. */
  public String existingId() {
    return existingId;
  }

  public static boolean is(Throwable error, Reason reason) {
    return error instanceof StoreConflictException conflict && conflict.reason == reason;
  }
}
