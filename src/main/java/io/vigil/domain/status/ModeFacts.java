package io.vigil.domain.status;

import io.vigil.domain.SystemMode;

import java.time.Instant;

/**
 * The system mode as the status line needs it.
 *
 * @param mode           the mode in force
 * @param fallbackActive the queue backend is lost and the fallback is in force
 * @param rejectsNewWork the fallback refuses new work
 * @param changedAt      when the configured mode last changed
 */
public record ModeFacts(SystemMode mode, boolean fallbackActive, boolean rejectsNewWork, Instant changedAt,
                        String changedBy, String reason) {
  public static ModeFacts normal(Instant since) {
    return new ModeFacts(SystemMode.ASYNC_QUEUE, false, false, since, "system", null);
  }
}
