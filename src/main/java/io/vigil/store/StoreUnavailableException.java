package io.vigil.store;

/** The store cannot be reached now (connection refused, lost or timed out); the same call may succeed later. */
public final class StoreUnavailableException extends RuntimeException {
  public StoreUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }

  public static boolean is(Throwable error) {
    return error instanceof StoreUnavailableException;
  }
}
