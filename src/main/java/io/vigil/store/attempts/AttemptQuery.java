package io.vigil.store.attempts;

/**
 * Attempts on one component and with one result (null = any; {@code success} false = failed, running ones match
 * neither), newest first by (started at, id), at most {@code limit}.
 */
public record AttemptQuery(String component, Boolean success, int limit) {
  public static final int MAX_LIMIT = 10_000;

  public AttemptQuery {
    if (limit < 1 || limit > MAX_LIMIT) throw new IllegalArgumentException("limit must be 1.." + MAX_LIMIT);
  }
}
