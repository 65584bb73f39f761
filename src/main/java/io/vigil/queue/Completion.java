package io.vigil.queue;

import io.vigil.domain.Degraded;

/**
 * @param result   JSON text or null
 * @param degraded set when the result came from a fallback or a cache while the type's breaker was open; the backend
 *                 keeps it with the result
 */
public record Completion(Lease lease, String result, Degraded degraded) {
  /** The target's own answer. */
  public Completion(Lease lease, String result) {
    this(lease, result, null);
  }
}
