package io.vigil.queue;

import io.vertx.core.AsyncResult;

/**
 * A runner's free room, lent to a call to the backend that can claim in the same round trip
 * ({@link QueueBackend#enqueueAndClaim}, {@link QueueBackend#ackAndClaim}; issue 14, fix 2). Confined to the
 * runner's context.
 */
interface ClaimRider {
  /** A claim for the next call to carry, its room reserved until {@link #answered}; null when there is none. */
  ClaimRequest offer();

  /** What became of an offered claim: the call failed, or answered with the claim made (or not made). */
  void answered(ClaimRequest offered, AsyncResult<? extends WithClaim<?>> call);
}
