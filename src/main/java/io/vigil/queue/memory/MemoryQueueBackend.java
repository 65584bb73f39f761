package io.vigil.queue.memory;

import io.vertx.core.Future;
import io.vigil.domain.Degraded;
import io.vigil.domain.Millis;
import io.vigil.domain.QueueStats;
import io.vigil.domain.Task;
import io.vigil.domain.TaskStatus;
import io.vigil.queue.BackendSettings;
import io.vigil.queue.CancelResult;
import io.vigil.queue.ClaimRequest;
import io.vigil.queue.ClaimedTask;
import io.vigil.queue.Completion;
import io.vigil.queue.EnqueueResult;
import io.vigil.queue.FailureReport;
import io.vigil.queue.GroupStats;
import io.vigil.queue.Lease;
import io.vigil.queue.NewTask;
import io.vigil.queue.QueueBackend;
import io.vigil.queue.Settlement;
import io.vigil.queue.TaskQuery;
import io.vigil.queue.WithClaim;
import io.vigil.queue.memory.MemoryQueue.Due;
import io.vigil.queue.memory.MemoryQueue.Finished;
import io.vigil.queue.memory.MemoryQueue.Waiting;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The embedded queue: everything in this process's heap, lost on exit. Single process only. Methods are
 * synchronized so that a benchmark or test thread may call it beside the event loop; they never wait on I/O.
 */
public final class MemoryQueueBackend implements QueueBackend {

  /** A task and, while it is active, its lease. */
  private static final class Entry {
    Task task;
    String leaseToken;
    Instant leaseDeadline;

    Entry(Task task) {
      this.task = task;
    }
  }

  private record Remembered(String taskId, String fingerprint, Instant expiresAt) {}

  private final Clock clock;
  private BackendSettings settings;
  /** By id; ids are time-ordered, so descending iteration lists newest first. */
  private final TreeMap<String, Entry> tasks = new TreeMap<>();
  private final Map<String, MemoryQueue> queues = new HashMap<>();
  private final Map<String, Remembered> idempotency = new HashMap<>();
  private final ArrayDeque<String> keysByExpiry = new ArrayDeque<>();
  private long leaseCounter;
  /**
   * Groups one claim may look at beyond {@code max} when groups have limits, so groups held back by them cannot hide
   * the others (claiming.lua too).
   */
  private static final int GROUPS_LOOKED_AT = 64;

  public MemoryQueueBackend(Clock clock, BackendSettings settings) {
    this.clock = clock;
    this.settings = settings;
  }

  @Override
  public String name() {
    return "memory";
  }

  /** The memory queue takes its rate limit from the runner's local bucket; retention applies from now on. */
  @Override
  public void reconfigure(BackendSettings settings, Map<String, Double> ratePerSecondByQueue) {
    this.settings = settings;
  }

  @Override
  public synchronized Future<EnqueueResult> enqueue(List<NewTask> submitted) {
    Instant now = now();
    List<NewTask> batch = submitted.stream().map(NewTask::truncatedToMillis).toList();
    List<EnqueueResult.Placed> placed = new ArrayList<>(batch.size());
    List<EnqueueResult.Conflict> conflicts = new ArrayList<>();
    Map<String, NewTask> seenInBatch = new HashMap<>();
    for (int i = 0; i < batch.size(); i++) {
      NewTask candidate = batch.get(i);
      Task task = candidate.task();
      if (task.idempotencyKey() == null) {
        placed.add(new EnqueueResult.Placed(task, false));
        continue;
      }
      String key = idempotencyKey(task);
      Remembered known = remembered(key, now);
      NewTask earlier = seenInBatch.get(key);
      if (known != null) {
        if (known.fingerprint().equals(candidate.fingerprint())) {
          placed.add(new EnqueueResult.Placed(tasks.get(known.taskId()).task, true));
        } else {
          conflicts.add(new EnqueueResult.Conflict(i, task.idempotencyKey(), known.taskId()));
        }
      } else if (earlier != null) {
        if (earlier.fingerprint().equals(candidate.fingerprint())) {
          placed.add(new EnqueueResult.Placed(earlier.task(), true));
        } else {
          conflicts.add(new EnqueueResult.Conflict(i, task.idempotencyKey(), earlier.task().id()));
        }
      } else {
        seenInBatch.put(key, candidate);
        placed.add(new EnqueueResult.Placed(task, false));
      }
    }
    if (!conflicts.isEmpty()) {
      return Future.succeededFuture(EnqueueResult.conflicted(conflicts));
    }
    forgetExpiredKeys(now);
    Instant expires = now.plus(settings.idempotencyWindow());
    for (int i = 0; i < placed.size(); i++) {
      EnqueueResult.Placed p = placed.get(i);
      if (p.duplicate()) continue;
      Task task = p.task();
      tasks.put(task.id(), new Entry(task));
      MemoryQueue q = queue(task.queue());
      if (task.status() == TaskStatus.DELAYED) {
        q.delayed.add(new Due(task.runAt().toEpochMilli(), task.id()));
      } else {
        q.addWaiting(task);
      }
      if (task.idempotencyKey() != null) {
        String key = idempotencyKey(task);
        idempotency.put(key, new Remembered(task.id(), batch.get(i).fingerprint(), expires));
        keysByExpiry.add(key);
      }
    }
    return Future.succeededFuture(EnqueueResult.placed(placed));
  }

  @Override
  public synchronized Future<List<ClaimedTask>> claim(String queueName, int max, Duration lease) {
    Instant now = now();
    MemoryQueue q = queue(queueName);
    promote(q, now, Integer.MAX_VALUE);
    if (q.paused || max <= 0) {
      return Future.succeededFuture(List.of());
    }
    List<ClaimedTask> claimed = new ArrayList<>(Math.min(max, q.queued()));
    Instant deadline = now.plus(lease);
    if (q.groupedQueued == 0) { // ungrouped path
      Waiting next;
      while (claimed.size() < max && (next = q.waiting.pollFirst()) != null) {
        claimed.add(lease(q, next.id(), now, deadline));
      }
    } else {
      claimFair(q, max, now, deadline, claimed);
    }
    return Future.succeededFuture(claimed);
  }

  private ClaimedTask lease(MemoryQueue q, String id, Instant now, Instant deadline) {
    Entry entry = tasks.get(id);
    entry.task = entry.task.activated(now);
    entry.leaseToken = Long.toString(++leaseCounter, 36);
    entry.leaseDeadline = deadline;
    q.leases.add(new Due(deadline.toEpochMilli(), id));
    if (entry.task.group() != null) q.groupActive.merge(entry.task.group(), 1, Integer::sum);
    return new ClaimedTask(entry.task, entry.leaseToken, deadline);
  }

  /** One share of {@code max} to each group the ring turns up next, and to ungrouped tasks: as claim.lua does. */
  private void claimFair(MemoryQueue q, int max, Instant now, Instant deadline, List<ClaimedTask> claimed) {
    BackendSettings.GroupLimits limits = settings.groupLimitsOf(q.name);
    boolean limited = limits.concurrency() > 0 || limits.ratePerSecond() > 0;
    // without limits every group in the ring can take a task: the next max are all a claim can serve
    int lookAt = max + (limited ? GROUPS_LOOKED_AT : 0);
    List<String> lookedAt = new ArrayList<>();
    List<String> names = new ArrayList<>(); // null = ungrouped
    List<Integer> rooms = new ArrayList<>();
    // ungrouped tasks first: one share in every claim, however many groups wait
    if (!q.waiting.isEmpty()) {
      names.add(null);
      rooms.add(Math.min(q.waiting.size(), max));
    }
    // then each group that may take something, in turn, until there are max members (later ones keep their turn)
    for (MemoryQueue.Turn turn : q.ring) {
      if (lookedAt.size() >= lookAt || names.size() >= max) break;
      String group = turn.group();
      lookedAt.add(group);
      int room = Math.min(q.groupWaiting.get(group).size(), max);
      if (limits.concurrency() > 0) room = Math.min(room, limits.concurrency() - q.groupActive.getOrDefault(group, 0));
      if (limits.ratePerSecond() > 0 && room > 0) room = Math.min(room, (int) Math.floor(tokens(q, group, limits, now)));
      if (room > 0) {
        names.add(group);
        rooms.add(room);
      }
    }
    int[] take = new int[names.size()];
    int left = max;
    for (boolean moved = true; left > 0 && moved; ) {
      moved = false;
      for (int i = 0; i < take.length && left > 0; i++) {
        if (take[i] < rooms.get(i)) {
          take[i]++;
          left--;
          moved = true;
        }
      }
    }
    Set<String> keepTurn = new HashSet<>(); // max ran out before them
    for (int i = 0; i < take.length; i++) {
      String group = names.get(i);
      if (group != null && take[i] == 0) keepTurn.add(group);
      TreeSet<Waiting> set = group == null ? q.waiting : q.groupWaiting.get(group);
      for (int n = 0; n < take[i]; n++) {
        claimed.add(lease(q, set.pollFirst().id(), now, deadline));
      }
      if (group != null && take[i] > 0) {
        q.groupedQueued -= take[i];
        if (limits.ratePerSecond() > 0) {
          q.groupBuckets.put(group, new MemoryQueue.Bucket(tokens(q, group, limits, now) - take[i], now.toEpochMilli()));
        }
      }
    }
    for (String group : lookedAt) {
      if (q.groupWaiting.get(group).isEmpty()) q.leaveRing(group);
      else if (!keepTurn.contains(group)) q.toBack(group);
    }
  }

  /** A group's rate tokens now: a full bucket holds one second's worth, at least one. */
  private static double tokens(MemoryQueue q, String group, BackendSettings.GroupLimits limits, Instant now) {
    double full = Math.max(1, limits.ratePerSecond());
    MemoryQueue.Bucket bucket = q.groupBuckets.get(group);
    if (bucket == null) return full;
    double tokens = Math.min(full,
        bucket.tokens() + Math.max(0, now.toEpochMilli() - bucket.atMillis()) * limits.ratePerSecond() / 1000);
    if (tokens >= full) q.groupBuckets.remove(group); // a full bucket is the same as none
    return tokens;
  }

  @Override
  public synchronized Future<Settlement> ack(List<Completion> completions) {
    Instant now = now();
    List<String> refused = new ArrayList<>();
    int applied = 0;
    for (Completion completion : completions) {
      Entry entry = held(completion.lease());
      if (entry == null) {
        refused.add(completion.lease().taskId());
        continue;
      }
      MemoryQueue q = endLease(entry);
      Degraded how = completion.degraded() == null ? null : completion.degraded().truncatedToMillis();
      entry.task = entry.task.completed(completion.result(), how, now);
      q.finished.add(new Finished(entry.task.id(), now.toEpochMilli()));
      q.completed++;
      q.window.recordSuccesses(1);
      q.lastCompletedAt = now;
      applied++;
    }
    queues.values().forEach(q -> trim(q, now));
    return Future.succeededFuture(Settlement.of(applied, refused, now));
  }

  /** Both steps under the one lock, so nothing comes between them, as in one Redis script. */
  @Override
  public synchronized Future<WithClaim<EnqueueResult>> enqueueAndClaim(List<NewTask> tasks, ClaimRequest claim) {
    EnqueueResult placed = enqueue(tasks).result();
    return Future.succeededFuture(new WithClaim<>(placed, claim(claim.queue(), claim.max(), claim.lease()).result()));
  }

  @Override
  public synchronized Future<WithClaim<Settlement>> ackAndClaim(List<Completion> completions, ClaimRequest claim) {
    Settlement settled = ack(completions).result();
    return Future.succeededFuture(new WithClaim<>(settled, claim(claim.queue(), claim.max(), claim.lease()).result()));
  }

  @Override
  public synchronized Future<Settlement> fail(List<FailureReport> failures) {
    Instant now = now();
    List<String> refused = new ArrayList<>();
    int applied = 0;
    for (FailureReport failure : failures) {
      Entry entry = held(failure.lease());
      if (entry == null) {
        refused.add(failure.lease().taskId());
        continue;
      }
      MemoryQueue q = endLease(entry);
      if (failure.deadLetter()) {
        entry.task = entry.task.dead(failure.error(), now);
        q.dead.add(entry.task.id());
      } else {
        entry.task = entry.task.retrying(failure.error(), failure.retryAt(), now);
        q.delayed.add(new Due(failure.retryAt().toEpochMilli(), entry.task.id()));
        q.retrying++;
      }
      q.window.recordFailures(1);
      applied++;
    }
    return Future.succeededFuture(Settlement.of(applied, refused, now));
  }

  @Override
  public synchronized Future<Optional<Instant>> extendLease(Lease lease, Duration extension) {
    Entry entry = held(lease);
    if (entry == null) {
      return Future.succeededFuture(Optional.empty());
    }
    MemoryQueue q = queue(entry.task.queue());
    q.leases.remove(new Due(entry.leaseDeadline.toEpochMilli(), entry.task.id()));
    entry.leaseDeadline = now().plus(extension);
    q.leases.add(new Due(entry.leaseDeadline.toEpochMilli(), entry.task.id()));
    return Future.succeededFuture(Optional.of(entry.leaseDeadline));
  }

  @Override
  public synchronized Future<Settlement> release(List<Lease> leases) {
    Instant now = now();
    List<String> refused = new ArrayList<>();
    int applied = 0;
    for (Lease lease : leases) {
      Entry entry = held(lease);
      if (entry == null) {
        refused.add(lease.taskId());
        continue;
      }
      MemoryQueue q = endLease(entry);
      entry.task = entry.task.released(now);
      q.addWaiting(entry.task);
      applied++;
    }
    return Future.succeededFuture(Settlement.of(applied, refused, now));
  }

  @Override
  public synchronized Future<List<Task>> reapExpiredLeases(int max) {
    Instant now = now();
    List<Task> reaped = new ArrayList<>();
    for (MemoryQueue q : queues.values()) {
      Due first;
      while (reaped.size() < max && (first = q.leases.isEmpty() ? null : q.leases.first()) != null
          && first.atMillis() <= now.toEpochMilli()) {
        Entry entry = tasks.get(first.id());
        endLease(entry);
        entry.task = entry.task.leaseExpired(now);
        if (entry.task.status() == TaskStatus.DEAD) {
          q.dead.add(entry.task.id());
        } else {
          q.addWaiting(entry.task);
        }
        q.window.recordFailures(1);
        reaped.add(entry.task);
      }
    }
    return Future.succeededFuture(reaped);
  }

  @Override
  public synchronized Future<Integer> promoteDue(String queueName, int max) {
    return Future.succeededFuture(promote(queue(queueName), now(), max));
  }

  @Override
  public synchronized Future<CancelResult> cancel(String taskId) {
    Entry entry = tasks.get(taskId);
    if (entry == null) {
      return Future.succeededFuture(new CancelResult.NotFound(taskId));
    }
    Task task = entry.task;
    if (!task.status().isWaiting()) {
      return Future.succeededFuture(new CancelResult.NotCancellable(task, task.status()));
    }
    Instant now = now();
    MemoryQueue q = queue(task.queue());
    if (task.status() == TaskStatus.QUEUED) {
      q.removeWaiting(task);
    } else {
      q.delayed.remove(new Due(task.runAt().toEpochMilli(), task.id()));
      if (task.status() == TaskStatus.RETRYING) q.retrying--;
    }
    entry.task = task.cancelled(now);
    q.finished.add(new Finished(task.id(), now.toEpochMilli()));
    trim(q, now);
    return Future.succeededFuture(new CancelResult.Cancelled(entry.task));
  }

  @Override
  public synchronized Future<CancelResult> cancelLeased(Lease lease) {
    Entry entry = tasks.get(lease.taskId());
    if (entry == null) return Future.succeededFuture(new CancelResult.NotFound(lease.taskId()));
    if (held(lease) == null) {
      return Future.succeededFuture(new CancelResult.NotCancellable(entry.task, entry.task.status()));
    }
    Instant now = now();
    MemoryQueue q = endLease(entry);
    entry.task = entry.task.cancelled(now);
    q.finished.add(new Finished(entry.task.id(), now.toEpochMilli()));
    trim(q, now);
    return Future.succeededFuture(new CancelResult.Cancelled(entry.task));
  }

  @Override
  public synchronized Future<Boolean> pause(String queueName) {
    MemoryQueue q = queue(queueName);
    boolean changed = !q.paused;
    q.paused = true;
    return Future.succeededFuture(changed);
  }

  @Override
  public synchronized Future<Boolean> resume(String queueName) {
    MemoryQueue q = queue(queueName);
    boolean changed = q.paused;
    q.paused = false;
    return Future.succeededFuture(changed);
  }

  @Override
  public synchronized Future<List<Task>> deadLetters(String queueName, int limit) {
    return Future.succeededFuture(queue(queueName).dead.stream().limit(limit).map(id -> tasks.get(id).task).toList());
  }

  @Override
  public synchronized Future<List<Task>> replay(String queueName, List<String> ids) {
    Instant now = now();
    MemoryQueue q = queue(queueName);
    List<String> targets = ids.isEmpty() ? List.copyOf(q.dead) : ids.stream().filter(q.dead::contains).distinct().toList();
    List<Task> replayed = new ArrayList<>(targets.size());
    for (String id : targets) {
      q.dead.remove(id);
      Entry entry = tasks.get(id);
      entry.task = entry.task.replayed(now);
      q.addWaiting(entry.task);
      replayed.add(entry.task);
    }
    return Future.succeededFuture(replayed);
  }

  @Override
  public synchronized Future<List<Task>> drainToDeadLetters(String queueName, Instant readyBefore, int max) {
    Instant now = now();
    MemoryQueue q = queue(queueName);
    List<MemoryQueue.Waiting> old = new ArrayList<>(q.waiting.stream()
        .filter(w -> w.readyMillis() < readyBefore.toEpochMilli()).limit(max).toList());
    for (TreeSet<MemoryQueue.Waiting> group : q.groupWaiting.values()) { // fair queues: grouped tasks too
      group.stream().filter(w -> w.readyMillis() < readyBefore.toEpochMilli()).limit(max - old.size())
          .forEach(old::add);
    }
    List<Task> drained = new ArrayList<>(old.size());
    for (MemoryQueue.Waiting w : old) {
      Entry entry = tasks.get(w.id());
      q.removeWaiting(entry.task);
      entry.task = entry.task.dead("drained to dead letters by recovery (waiting since " + entry.task.runAt() + ")", now);
      q.dead.add(w.id());
      drained.add(entry.task);
    }
    return Future.succeededFuture(drained);
  }

  @Override
  public synchronized Future<Integer> purgeDeadLetters(String queueName) {
    MemoryQueue q = queue(queueName);
    int purged = q.dead.size();
    q.dead.forEach(tasks::remove);
    q.dead.clear();
    return Future.succeededFuture(purged);
  }

  @Override
  public synchronized Future<Optional<Task>> get(String taskId) {
    Entry entry = tasks.get(taskId);
    return Future.succeededFuture(Optional.ofNullable(entry).map(e -> e.task));
  }

  @Override
  public synchronized Future<List<Task>> list(TaskQuery query) {
    List<Task> found = new ArrayList<>();
    for (Entry entry : tasks.descendingMap().values()) {
      if (found.size() >= query.limit()) break;
      Task task = entry.task;
      if ((query.queue() == null || query.queue().equals(task.queue()))
          && (query.status() == null || query.status() == task.status())
          && (!query.degradedOnly() || task.degraded() != null)) {
        found.add(task);
      }
    }
    return Future.succeededFuture(found);
  }

  @Override
  public synchronized Future<QueueStats> stats(String queueName) {
    Instant now = now();
    MemoryQueue q = queue(queueName);
    trim(q, now);
    return Future.succeededFuture(new QueueStats(queueName, q.paused, q.queued(),
        q.delayed.size() - q.retrying, q.leases.size(), q.completed, q.retrying, q.dead.size(),
        q.window.successes(), q.window.errorRate(), q.oldestWaitingAgeMs(now.toEpochMilli()), q.lastCompletedAt));
  }

  @Override
  public synchronized Future<List<GroupStats>> groupStats(String queueName, int limit) {
    return Future.succeededFuture(queue(queueName).groupWaiting.entrySet().stream()
        .filter(e -> !e.getValue().isEmpty())
        .map(e -> new GroupStats(e.getKey(), e.getValue().size()))
        .sorted(Comparator.comparingLong(GroupStats::waiting).reversed().thenComparing(GroupStats::group))
        .limit(Math.max(0, limit)).toList());
  }

  @Override
  public Future<Void> ping() {
    return Future.succeededFuture();
  }

  @Override
  public Future<Void> close() {
    return Future.succeededFuture();
  }

  /** Time to the millisecond, as the Redis scripts keep it, so both backends answer alike. */
  private Instant now() {
    return Millis.of(clock.instant());
  }

  private MemoryQueue queue(String name) {
    return queues.computeIfAbsent(name, n -> new MemoryQueue(n, clock));
  }

  /** The entry when {@code lease} is the live lease of an active task, else null. */
  private Entry held(Lease lease) {
    Entry entry = tasks.get(lease.taskId());
    boolean holds = entry != null && entry.task.status() == TaskStatus.ACTIVE && lease.token().equals(entry.leaseToken);
    return holds ? entry : null;
  }

  private MemoryQueue endLease(Entry entry) {
    MemoryQueue q = queue(entry.task.queue());
    if (entry.task.group() != null) q.groupActive.computeIfPresent(entry.task.group(), (g, n) -> n > 1 ? n - 1 : null);
    q.leases.remove(new Due(entry.leaseDeadline.toEpochMilli(), entry.task.id()));
    entry.leaseToken = null;
    entry.leaseDeadline = null;
    return q;
  }

  private int promote(MemoryQueue q, Instant now, int max) {
    int promoted = 0;
    Due first;
    while (promoted < max && (first = q.delayed.isEmpty() ? null : q.delayed.first()) != null
        && first.atMillis() <= now.toEpochMilli()) {
      q.delayed.pollFirst();
      Entry entry = tasks.get(first.id());
      if (entry.task.status() == TaskStatus.RETRYING) q.retrying--;
      entry.task = entry.task.requeued(now);
      q.addWaiting(entry.task);
      promoted++;
    }
    return promoted;
  }

  /** Forgets finished tasks past the queue's retention age or count. */
  private void trim(MemoryQueue q, Instant now) {
    BackendSettings.Retention retention = settings.retentionOf(q.name);
    long oldestKept = now.minus(retention.age()).toEpochMilli();
    Finished head;
    while ((head = q.finished.peekFirst()) != null
        && (head.finishedMillis() < oldestKept || q.finished.size() > retention.maxCount())) {
      q.finished.pollFirst();
      Entry entry = tasks.remove(head.id());
      if (entry != null && entry.task.status() == TaskStatus.COMPLETED) q.completed--;
    }
  }

  private Remembered remembered(String key, Instant now) {
    Remembered known = idempotency.get(key);
    if (known != null && (known.expiresAt().isBefore(now) || !tasks.containsKey(known.taskId()))) {
      idempotency.remove(key);
      return null;
    }
    return known;
  }

  private static String idempotencyKey(Task task) {
    return task.queue() + '\u0000' + task.idempotencyKey();
  }

  /** Keys expire in the order they were stored (the window is fixed), so the oldest sit at the head. */
  private void forgetExpiredKeys(Instant now) {
    String head;
    while ((head = keysByExpiry.peekFirst()) != null) {
      Remembered known = idempotency.get(head);
      if (known != null && !known.expiresAt().isBefore(now)) break;
      keysByExpiry.pollFirst();
      if (known != null) idempotency.remove(head);
    }
  }
}
