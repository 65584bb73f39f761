package io.vigil.store.memory;

import io.vertx.core.Future;
import io.vigil.domain.Millis;
import io.vigil.store.Ids;
import io.vigil.store.StoreConflictException;
import io.vigil.store.StoreConflictException.Reason;
import io.vigil.store.outbox.Claim;
import io.vigil.store.outbox.OutboxMessage;
import io.vigil.store.outbox.OutboxQuery;
import io.vigil.store.outbox.OutboxStatus;
import io.vigil.store.outbox.OutboxStore;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static io.vigil.store.memory.Calls.call;

/**
 * The outbox on the heap. A claim runs under the store's lock, so two claimers never get the same row. Bounded:
 * beyond {@code maxRows} the oldest finished message goes; unsent ones are never evicted (a full store refuses new
 * ones, loudly, rather than lose a notification).
 */
final class MemoryOutboxStore implements OutboxStore {
  private static final Comparator<OutboxMessage> CREATED_FIRST =
      Comparator.comparing(OutboxMessage::createdAt).thenComparing(OutboxMessage::id);
  private static final Comparator<OutboxMessage> NEWEST_FIRST = CREATED_FIRST.reversed();
  private static final Comparator<OutboxMessage> DUE_FIRST =
      Comparator.comparing(MemoryOutboxStore::dueAt).thenComparing(OutboxMessage::id);

  private final MemoryBackend backend;
  private final Map<String, OutboxMessage> messages = new LinkedHashMap<>();
  private final Map<String, String> byDedupKey = new HashMap<>();

  MemoryOutboxStore(MemoryBackend backend) {
    this.backend = backend;
  }

  @Override
  public synchronized Future<Boolean> enqueue(OutboxMessage message) {
    return call(() -> insert(message));
  }

  private boolean insert(OutboxMessage message) {
    if (message.dedupKey() != null && byDedupKey.containsKey(message.dedupKey())) return false;
    if (messages.containsKey(message.id())) throw new IllegalArgumentException("message " + message.id() + " exists");
    while (messages.size() >= backend.maxRows()) {
      OutboxMessage finished = messages.values().stream().filter(m -> m.status().isFinished())
          .min(Comparator.comparing(OutboxMessage::updatedAt))
          .orElseThrow(() -> Calls.full("unsent notifications", backend.maxRows()));
      remove(finished);
      backend.evictedOne();
    }
    messages.put(message.id(), message);
    if (message.dedupKey() != null) byDedupKey.put(message.dedupKey(), message.id());
    return true;
  }

  /**
   * Queues every message whose dedup key is new, or none of them when they do not fit (the alarm store's commit
   * calls it under its own lock).
   */
  synchronized void enqueueAll(List<OutboxMessage> batch) {
    List<OutboxMessage> fresh = new ArrayList<>();
    Set<String> keys = new HashSet<>();
    for (OutboxMessage m : batch) {
      if (m.dedupKey() != null && (byDedupKey.containsKey(m.dedupKey()) || !keys.add(m.dedupKey()))) continue;
      if (messages.containsKey(m.id())) throw new IllegalArgumentException("message " + m.id() + " exists");
      fresh.add(m);
    }
    long finished = messages.values().stream().filter(m -> m.status().isFinished()).count();
    if (messages.size() - finished + fresh.size() > backend.maxRows()) {
      throw Calls.full("unsent notifications", backend.maxRows());
    }
    fresh.forEach(this::insert);
  }

  @Override
  public synchronized Future<List<OutboxMessage>> claimDue(Claim claim) {
    Instant now = Millis.of(claim.now());
    Instant until = Millis.of(now.plus(claim.lease()));
    Map<String, OutboxMessage> firstUnsettled = new HashMap<>();
    for (OutboxMessage m : messages.values()) {
      if (m.alarmId() == null || m.status().isFinished()) continue;
      firstUnsettled.merge(m.alarmId() + "\n" + m.channel(), m, (a, b) -> CREATED_FIRST.compare(a, b) <= 0 ? a : b);
    }
    List<OutboxMessage> due = messages.values().stream().filter(m -> m.isDueAt(now))
        .filter(m -> claim.channels().isEmpty() || claim.channels().contains(m.channel()))
        .filter(m -> m.alarmId() == null || firstUnsettled.get(m.alarmId() + "\n" + m.channel()) == m)
        .sorted(DUE_FIRST).limit(claim.max()).toList();
    List<OutboxMessage> claimed = new ArrayList<>(due.size());
    for (OutboxMessage m : due) {
      OutboxMessage leased = new OutboxMessage(m.id(), m.channel(), m.alarmId(), m.dedupKey(), m.payload(),
          OutboxStatus.SENDING, m.attempts() + 1, m.nextAttemptAt(), claim.owner(), until, m.lastError(),
          m.createdAt(), now, m.sentAt());
      messages.put(m.id(), leased);
      claimed.add(leased);
    }
    return Future.succeededFuture(claimed);
  }

  @Override
  public synchronized Future<OutboxMessage> markSent(String id, String owner, Instant at) {
    return settle(id, owner, m -> new OutboxMessage(m.id(), m.channel(), m.alarmId(), m.dedupKey(), m.payload(),
        OutboxStatus.SENT, m.attempts(), m.nextAttemptAt(), null, null, m.lastError(), m.createdAt(), at, at));
  }

  @Override
  public synchronized Future<OutboxMessage> markFailed(String id, String owner, Instant at, String error,
                                                       Instant retryAt) {
    return settle(id, owner, m -> new OutboxMessage(m.id(), m.channel(), m.alarmId(), m.dedupKey(), m.payload(),
        OutboxStatus.FAILED, m.attempts(), retryAt, null, null, error, m.createdAt(), at, null));
  }

  @Override
  public synchronized Future<OutboxMessage> markDead(String id, String owner, Instant at, String error) {
    return settle(id, owner, m -> new OutboxMessage(m.id(), m.channel(), m.alarmId(), m.dedupKey(), m.payload(),
        OutboxStatus.DEAD, m.attempts(), m.nextAttemptAt(), null, null, error, m.createdAt(), at, null));
  }

  private Future<OutboxMessage> settle(String id, String owner,
                                       java.util.function.UnaryOperator<OutboxMessage> change) {
    return call(() -> {
      OutboxMessage held = Calls.byId(messages, id).orElse(null);
      if (held == null) throw new StoreConflictException(Reason.MISSING, "no outbox message " + id, null);
      if (held.status() != OutboxStatus.SENDING || !owner.equals(held.leaseOwner())) {
        throw new StoreConflictException(Reason.LEASE_LOST, "outbox message " + id + " is not held by " + owner
            + " (it is " + held.status().wireName() + (held.leaseOwner() == null ? "" : ", held by "
            + held.leaseOwner()) + ")", held.id());
      }
      OutboxMessage next = change.apply(held);
      messages.put(next.id(), next);
      return next;
    });
  }

  @Override
  public synchronized Future<Optional<OutboxMessage>> find(String id) {
    return Future.succeededFuture(Calls.byId(messages, id));
  }

  @Override
  public synchronized Future<List<OutboxMessage>> list(OutboxQuery query) {
    String alarmId = query.alarmId() == null || !Ids.isValid(query.alarmId()) ? query.alarmId()
        : Ids.checked(query.alarmId());
    return Future.succeededFuture(messages.values().stream()
        .filter(m -> query.channel() == null || query.channel().equals(m.channel()))
        .filter(m -> query.status() == null || query.status() == m.status())
        .filter(m -> alarmId == null || alarmId.equals(m.alarmId()))
        .sorted(NEWEST_FIRST).limit(query.limit()).toList());
  }

  @Override
  public synchronized Future<Integer> deleteFinishedBefore(Instant cutoff, int max) {
    List<OutboxMessage> old = messages.values().stream()
        .filter(m -> m.status().isFinished() && m.updatedAt().isBefore(cutoff))
        .sorted(Comparator.comparing(OutboxMessage::updatedAt)).limit(max).toList();
    old.forEach(this::remove);
    return Future.succeededFuture(old.size());
  }

  private void remove(OutboxMessage message) {
    messages.remove(message.id());
    if (message.dedupKey() != null) byDedupKey.remove(message.dedupKey(), message.id());
  }

  /** When a due row became due: its next attempt, or its lease's end. */
  private static Instant dueAt(OutboxMessage m) {
    return m.status() == OutboxStatus.SENDING ? m.leaseUntil() : m.nextAttemptAt();
  }
}
