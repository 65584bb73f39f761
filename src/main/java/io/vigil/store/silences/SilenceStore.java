package io.vigil.store.silences;

import io.vertx.core.Future;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Silences: created and expired by operators through the API, read by the alarm engine before it notifies. Not
 * batched; each call is one statement. Contract: {@code SilenceStoreContract}.
 */
public interface SilenceStore {

  /** Stores a new silence; an id stored already is refused. */
  Future<Silence> create(Silence silence);

  Future<Optional<Silence>> find(String id);

  /** Silences with {@code startsAt <= at < endsAt}, oldest start first. */
  Future<List<Silence>> activeAt(Instant at);

  /**
   * Every silence whose end is after {@code after} (pass {@link Instant#MIN} for all): active and pending ones, and
   * those ended since then; newest start first, at most {@code limit}.
   */
  Future<List<Silence>> list(Instant after, int limit);

  /** Ends the silence at {@code at} (see {@link Silence#expiredAt}); empty when there is no such silence. */
  Future<Optional<Silence>> expire(String id, Instant at);

  /** Deletes at most {@code max} silences that ended before {@code cutoff}. */
  Future<Integer> deleteEndedBefore(Instant cutoff, int max);
}
