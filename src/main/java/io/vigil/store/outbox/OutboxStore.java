package io.vigil.store.outbox;

import io.vertx.core.Future;
import io.vigil.store.StoreConflictException;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The durable notification outbox. A message is enqueued (deduplicated by key), claimed under a lease by one
 * notifier, then marked sent, failed (due again later) or dead. Claiming is exclusive: two claimers — two nodes, or
 * two calls on one — never get the same row while its lease holds; a row whose lease ran out (its sender died) is
 * claimable again. Delivery is therefore at least once; receivers see a stable message id to drop repeats. Not
 * batched: each call is one statement. Contract: {@code OutboxStoreContract}.
 *
 * <p>The retry schedule is the caller's (e.g. {@code domain.RetryPolicy}): it passes the time of the next attempt
 * to {@link #markFailed}, or gives up with {@link #markDead}.
 */
public interface OutboxStore {

  /** Stores a new message; answers false (and changes nothing) when one with its dedup key exists already. */
  Future<Boolean> enqueue(OutboxMessage message);

  /**
   * Leases up to {@code claim.max()} due messages (see {@link OutboxMessage#isDueAt}), oldest due first: each
   * becomes {@code sending}, owned by {@code claim.owner()} until {@code now + lease}, its attempts counted up.
   * A message about an alarm is not claimed while an older message of the same alarm and channel is unsettled
   * (pending, failed, or being sent — by any node, including one that died holding it): a receiver never gets an
   * alarm's resolve before its firing, nor its firing again after its resolve.
   */
  Future<List<OutboxMessage>> claimDue(Claim claim);

  /**
   * Marks a message this owner holds as sent. Fails with {@link StoreConflictException.Reason#LEASE_LOST} when the
   * owner no longer holds it (its lease ran out and another claimer took it, or it is finished), {@code MISSING}
   * when there is no such message.
   */
  Future<OutboxMessage> markSent(String id, String owner, Instant at);

  /** Records a failed attempt; due again at {@code retryAt}. Same ownership rules as {@link #markSent}. */
  Future<OutboxMessage> markFailed(String id, String owner, Instant at, String error, Instant retryAt);

  /** Records a failed attempt and gives up. Same ownership rules as {@link #markSent}. */
  Future<OutboxMessage> markDead(String id, String owner, Instant at, String error);

  Future<Optional<OutboxMessage>> find(String id);

  /** Newest first by (created at, id). */
  Future<List<OutboxMessage>> list(OutboxQuery query);

  /** Deletes at most {@code max} finished (sent or dead) messages last updated before {@code cutoff}. */
  Future<Integer> deleteFinishedBefore(Instant cutoff, int max);
}
