package io.vigil.queue.redis;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import io.vigil.config.RedisConfig;
import io.vigil.domain.QueueStats;
import io.vigil.domain.Task;
import io.vigil.domain.TaskStatus;
import io.vigil.kit.RedisClients;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Function;

import static io.vigil.queue.redis.RedisScripts.ACK;
import static io.vigil.queue.redis.RedisScripts.CANCEL;
import static io.vigil.queue.redis.RedisScripts.CLAIM;
import static io.vigil.queue.redis.RedisScripts.DEAD;
import static io.vigil.queue.redis.RedisScripts.ENQUEUE;
import static io.vigil.queue.redis.RedisScripts.EXTEND;
import static io.vigil.queue.redis.RedisScripts.FAIL;
import static io.vigil.queue.redis.RedisScripts.GET;
import static io.vigil.queue.redis.RedisScripts.LIST;
import static io.vigil.queue.redis.RedisScripts.PURGE;
import static io.vigil.queue.redis.RedisScripts.REAP;
import static io.vigil.queue.redis.RedisScripts.RELEASE;
import static io.vigil.queue.redis.RedisScripts.REPLAY;
import static io.vigil.queue.redis.RedisScripts.STATS;

/**
 * The production queue, shared by every node: tasks live in Redis, and claim, ack and fail are each one atomic
 * Lua script call for a whole batch (per queue). All time comes from the injected clock and is passed to the
 * scripts as {@code now}; Redis's clock decides nothing. Holds no per-task state in the JVM, so the heap does not
 * grow with the backlog. The hot path (enqueue, claim, ack, fail, extending a lease) and the health ping go over one
 * {@link HeldConnection}, pipelined; the rest (operator actions, reads, reaping) borrows from a pool. Layout and
 * costs: docs/redis.md.
 */
public final class RedisQueueBackend implements QueueBackend {
  private static final Logger LOG = LoggerFactory.getLogger(RedisQueueBackend.class);
  /** A call that has not answered by then fails, so no caller waits forever on a hung server. */
  static final Duration OPERATION_TIMEOUT = Duration.ofSeconds(10);
  /** Due delayed tasks moved to waiting per claim, so one claim never holds Redis for long. */
  private static final int PROMOTE_PER_CLAIM = 1000;
  private static final long GC_MARGIN_MS = Duration.ofHours(1).toMillis();
  /** Most tasks one merged enqueue call carries (a larger single call still goes whole, alone). */
  private static final int MERGED_ENQUEUE_MAX = 5_000;
  private static final int PURGE_CHUNK = 10_000;
  private static final int GIVE_BACK_TRIES = 5;
  private static final long GIVE_BACK_PAUSE_MS = 300;

  private final Vertx vertx;
  private final RedisConfig config;
  /** The pool for everything off the hot path; replaced by {@link #reconnect()}. */
  private volatile Redis pool;
  private final HeldConnection held;
  private final Function<Request, Future<Response>> heldSender;
  private final RedisScripts scripts;
  private final RedisKeys keys;
  /** Redis Cluster only (null on a single Redis): splits an enqueue that spans slots. */
  private final SlotSplitter slots;
  /** Replaced whole on reload; read by calls on any context. */
  private volatile BackendSettings settings;
  private volatile Map<String, Double> ratePerSecond;
  private final Clock clock;
  /** The configured queues, plus any other this instance has used: what get, cancel, list and reap look through. */
  private final Set<String> queues = ConcurrentHashMap.newKeySet();
  /** Enqueue calls waiting for the one under way to answer; guarded by itself, as is enqueueInFlight. */
  private final ArrayDeque<PendingEnqueue> pendingEnqueues = new ArrayDeque<>();
  private boolean enqueueInFlight;
  private final AtomicLong enqueueRoundTrips = new AtomicLong();

  /**
   * One enqueue call and the claim riding on it (null when none); its answer is delivered on the caller's context
   * (when it had one).
   */
  private record PendingEnqueue(List<NewTask> tasks, Rider rider, Promise<WithClaim<EnqueueResult>> promise,
                                Context context) {
    void complete(Future<EnqueueResult> outcome) {
      if (context == null || context == Vertx.currentContext()) deliver(outcome);
      else context.runOnContext(v -> deliver(outcome));
    }

    private void deliver(Future<EnqueueResult> outcome) {
      if (outcome.failed()) promise.fail(outcome.cause());
      else promise.complete(new WithClaim<>(outcome.result(), rider == null ? null : rider.claimed));
    }
  }

  /**
   * A claim riding on a (merged) enqueue call: made by the script call that holds its queue's keys, after the tasks
   * are placed; not made when no part of the call does (a Redis Cluster split without its queue).
   */
  private static final class Rider {
    final ClaimRequest request;
    final String tokenPrefix = tokenPrefix();
    /** The lease deadline it was sent with, for a give-back; -1 until a script call takes it. */
    volatile long deadline = -1;
    /** What it leased; null while (or when) not made. */
    volatile List<ClaimedTask> claimed;

    Rider(ClaimRequest request) {
      this.request = request;
    }
  }

  public RedisQueueBackend(Vertx vertx, RedisConfig config, BackendSettings settings,
                           Map<String, Double> ratePerSecondByQueue, Clock clock) {
    this.vertx = vertx;
    this.config = config;
    this.pool = createClient(vertx, config, config.poolSize(), "vigil-queue");
    this.held = new HeldConnection(() -> createClient(vertx, config, 1, "vigil-queue-held"), OPERATION_TIMEOUT);
    this.heldSender = held::send;
    this.keys = new RedisKeys(config.prefix());
    this.slots = config.clustered() ? new SlotSplitter(keys) : null;
    this.scripts = new RedisScripts(() -> pool, config.clustered());
    this.settings = settings;
    this.ratePerSecond = Map.copyOf(ratePerSecondByQueue);
    this.clock = clock;
    this.queues.addAll(settings.retention().keySet());
  }

  /**
   * A pooled client, standalone or cluster as configured (see {@link RedisClients#create}): each call borrows a
   * connection; a connection whose socket drops fails the calls on it at once and is evicted. The held connection is
   * the one connection of a client of its own ({@code poolSize} 1), so dropping it can close its socket.
   */
  static Redis createClient(Vertx vertx, RedisConfig config, int poolSize, String name) {
    return RedisClients.create(vertx, config, name, poolSize, config.maxWaiting());
  }

  /** Loads the scripts ahead of the first call (optional: a missing script is loaded on demand). */
  public Future<Void> loadScripts() {
    return bounded(scripts.loadAll());
  }

  /**
   * Told why the held connection was dropped when it ends, fails or hangs (on the connection's context): the next
   * hot-path call opens a new one, and the queue engine's health check can look at the backend at once.
   */
  public void onConnectionLost(Consumer<Throwable> listener) {
    held.onLost(listener);
  }

  /**
   * Closes the held connection and the pool and builds both afresh (a recovery action for a connection that is
   * up but wrong), then pings over the new held connection: the future fails if Redis does not answer. Calls under
   * way on the old connections fail; later ones use the new.
   */
  public Future<Void> reconnect() {
    Redis old = pool;
    pool = createClient(vertx, config, config.poolSize(), "vigil-queue");
    return Future.join(held.reset(), old.close()).transform(closed -> ping());
  }

  @Override
  public String name() {
    return "redis";
  }

  @Override
  public void reconfigure(BackendSettings settings, Map<String, Double> ratePerSecondByQueue) {
    this.settings = settings;
    this.ratePerSecond = Map.copyOf(ratePerSecondByQueue);
    this.queues.addAll(settings.retention().keySet());
  }

  // ---- enqueue and claim ---------------------------------------------------------------------------

  /**
   * Enqueue calls that arrive while one is under way wait and go together in the next script call (each keeping
   * its own all-or-nothing semantics), so many one-task submissions cost one round trip instead of one each.
   */
  @Override
  public Future<EnqueueResult> enqueue(List<NewTask> batch) {
    return enqueueAndClaim(batch, null).map(WithClaim::result);
  }

  /** Merged like {@link #enqueue}; each merged call's claim is made in the same script call, after the placing. */
  @Override
  public Future<WithClaim<EnqueueResult>> enqueueAndClaim(List<NewTask> batch, ClaimRequest claim) {
    if (batch.isEmpty()) return Future.succeededFuture(WithClaim.notMade(EnqueueResult.placed(List.of())));
    List<NewTask> tasks;
    try { // Redis keeps milliseconds: the placed tasks answered with must read as they will be read back
      tasks = batch.stream().map(NewTask::truncatedToMillis).toList();
    } catch (RuntimeException e) { // a call that cannot be built fails alone
      return Future.failedFuture(e);
    }
    PendingEnqueue pending = new PendingEnqueue(tasks, claim == null ? null : new Rider(claim), Promise.promise(),
        Vertx.currentContext());
    List<PendingEnqueue> send;
    synchronized (pendingEnqueues) {
      pendingEnqueues.add(pending);
      if (enqueueInFlight) return pending.promise().future();
      enqueueInFlight = true;
      send = takePendingEnqueues();
    }
    sendEnqueues(send);
    return pending.promise().future();
  }

  /** Whole calls, oldest first, up to {@link #MERGED_ENQUEUE_MAX} tasks (always at least one call). */
  private List<PendingEnqueue> takePendingEnqueues() {
    List<PendingEnqueue> taken = new ArrayList<>();
    int tasks = 0;
    while (!pendingEnqueues.isEmpty()
        && (taken.isEmpty() || tasks + pendingEnqueues.peek().tasks().size() <= MERGED_ENQUEUE_MAX)) {
      PendingEnqueue next = pendingEnqueues.poll();
      tasks += next.tasks().size();
      taken.add(next);
    }
    return taken;
  }

  private void sendEnqueues(List<PendingEnqueue> groups) {
    List<List<NewTask>> calls = groups.stream().map(PendingEnqueue::tasks).toList();
    List<Rider> riders = groups.stream().map(PendingEnqueue::rider).filter(r -> r != null).toList();
    Future<List<Future<EnqueueResult>>> answers;
    try { // on a Redis Cluster, one script call per slot the tasks fall in
      answers = slots == null ? enqueueOnce(calls, riders) : slots.enqueue(calls, part -> enqueueOnce(part, riders));
    } catch (RuntimeException e) { // must still answer, or enqueueInFlight would stay set and block every later call
      answers = Future.failedFuture(e);
    }
    answers.onComplete(done -> {
      List<PendingEnqueue> next;
      synchronized (pendingEnqueues) {
        next = pendingEnqueues.isEmpty() ? null : takePendingEnqueues();
        if (next == null) enqueueInFlight = false;
      }
      // the next call goes out first: this one's callers may run much on hearing their answer (start claimed tasks)
      if (next != null) sendEnqueues(next);
      for (int g = 0; g < groups.size(); g++) {
        Future<EnqueueResult> outcome = done.failed() ? Future.failedFuture(done.cause()) : done.result().get(g);
        Rider rider = groups.get(g).rider();
        if (outcome.failed() && rider != null && rider.claimed != null && !rider.claimed.isEmpty()) {
          // its claim was made, but the caller hears a failure (another slot's part failed, or its answer could not
          // be read) and will not run them: give them back now rather than at lease expiry
          release(rider.claimed.stream().map(ClaimedTask::lease).toList());
        }
        groups.get(g).complete(outcome);
      }
    });
  }

  /**
   * One script call for these calls (one slot's worth on a Cluster); an answer per call. It also makes the claims of
   * {@code riders} whose queue it holds; when it fails, what those may have leased is given back.
   */
  private Future<List<Future<EnqueueResult>>> enqueueOnce(List<List<NewTask>> calls, List<Rider> riders) {
    List<Task> all = new ArrayList<>();
    calls.forEach(c -> c.forEach(t -> all.add(t.task())));
    List<Rider> taken = new ArrayList<>(riders.size());
    return enqueueScript(calls, riders, taken).map(reply -> {
      Response placed = reply.get(0);
      Response claims = reply.get(1);
      for (int k = 0; k < taken.size(); k++) taken.get(k).claimed = claimed(taken.get(k).request.queue(), claims.get(k));
      int[] at = {0};
      List<Future<EnqueueResult>> answers = new ArrayList<>(calls.size());
      for (List<NewTask> call : calls) {
        try {
          answers.add(Future.succeededFuture(readGroup(placed, at, call, all)));
        } catch (RuntimeException e) {
          answers.add(Future.failedFuture(e));
        }
      }
      return answers;
    }).onFailure(lost -> taken.forEach(r ->
        giveBack(r.request.queue(), r.deadline, r.tokenPrefix, GIVE_BACK_TRIES)));
  }

  /** Adds to {@code taken} the riders whose queue the call holds: their claims are made in it, in that order. */
  private Future<Response> enqueueScript(List<List<NewTask>> groups, List<Rider> riders, List<Rider> taken) {
    long now = clock.millis();
    long window = settings.idempotencyWindow().toMillis();
    int count = groups.stream().mapToInt(List::size).sum();
    // usually one queue; on a single Redis mixed queues stay one atomic script (a Cluster splits them per slot first)
    Map<String, Integer> queueIndex = new LinkedHashMap<>();
    List<String> args = new ArrayList<>(4 + groups.size() + count * 8);
    args.add(Long.toString(now));
    args.add(Long.toString(window));
    args.add(Long.toString(window + Math.max(window, GC_MARGIN_MS)));
    args.add(Integer.toString(groups.size()));
    groups.forEach(g -> args.add(Integer.toString(g.size())));
    for (List<NewTask> group : groups) {
      for (NewTask candidate : group) {
        Task task = candidate.task();
        int index = queueIndex.computeIfAbsent(task.queue(), q -> queueIndex.size() + 1);
        boolean delayed = task.status() == TaskStatus.DELAYED;
        boolean keyed = task.idempotencyKey() != null;
        args.add(Integer.toString(index));
        args.add(task.id());
        args.add(keyed ? task.idempotencyKey() : "");
        args.add(keyed && candidate.fingerprint() != null ? candidate.fingerprint() : ""); // null without a key
        args.add(TaskRecords.body(task));
        args.add(TaskRecords.state(task));
        String set = delayed ? "delay" : "wait";
        args.add(task.group() == null ? set : set + ':' + task.group());
        args.add(Long.toString(delayed ? task.runAt().toEpochMilli()
            : TaskRecords.waitScore(task.priority(), task.runAt().toEpochMilli())));
      }
    }
    for (Rider rider : riders) {
      Integer index = queueIndex.get(rider.request.queue());
      if (index == null) continue;
      rider.deadline = now + rider.request.lease().toMillis();
      taken.add(rider);
    }
    if (!taken.isEmpty()) {
      args.add(Integer.toString(taken.size()));
      for (Rider rider : taken) {
        ClaimRequest claim = rider.request;
        args.add(Integer.toString(queueIndex.get(claim.queue())));
        args.addAll(claimValues(claim.queue(), claim.max(), claim.lease().toMillis(), PROMOTE_PER_CLAIM, rider.tokenPrefix));
      }
    }
    queues.addAll(queueIndex.keySet());
    enqueueRoundTrips.incrementAndGet();
    return hot(ENQUEUE, queueIndex.keySet().stream().map(keys::queue).toList(), args);
  }

  /** Reads one group's answer at {@code at[0]} and moves it past it; {@code all} is every task of the call. */
  private static EnqueueResult readGroup(Response reply, int[] at, List<NewTask> tasks, List<Task> all) {
    boolean whole = reply.get(at[0]++).toInteger() == 1;
    int count = reply.get(at[0]++).toInteger();
    if (!whole) {
      List<EnqueueResult.Conflict> conflicts = new ArrayList<>(count);
      for (int c = 0; c < count; c++, at[0] += 3) {
        conflicts.add(new EnqueueResult.Conflict(reply.get(at[0]).toInteger(), reply.get(at[0] + 1).toString(),
            reply.get(at[0] + 2).toString()));
      }
      return EnqueueResult.conflicted(conflicts);
    }
    List<EnqueueResult.Placed> placed = new ArrayList<>(tasks.size());
    for (NewTask candidate : tasks) placed.add(new EnqueueResult.Placed(candidate.task(), false));
    for (int d = 0; d < count; d++, at[0] += 6) {
      int index = reply.get(at[0]).toInteger();
      int earlier = reply.get(at[0] + 1).toInteger();
      Task original = earlier >= 0 ? all.get(earlier)
          : TaskRecords.task(tasks.get(index).task().queue(), reply.get(at[0] + 2).toString(),
              reply.get(at[0] + 3).toString(), reply.get(at[0] + 4).toString(), text(reply.get(at[0] + 5)));
      placed.set(index, new EnqueueResult.Placed(original, true));
    }
    return EnqueueResult.placed(placed);
  }

  @Override
  public Future<List<ClaimedTask>> claim(String queue, int max, Duration lease) {
    queues.add(queue);
    long now = clock.millis();
    String tokenPrefix = tokenPrefix();
    return claimScript(queue, now, Math.max(0, max), lease.toMillis(), PROMOTE_PER_CLAIM, tokenPrefix)
        .map(reply -> claimed(queue, reply))
        .onFailure(lost -> giveBack(queue, now + lease.toMillis(), tokenPrefix, GIVE_BACK_TRIES));
  }

  /**
   * The connection drop that lost a claim's answer often drops the pool's connections too ({@code CLIENT KILL}, a
   * Redis restart): the give-back is tried a few times, a moment apart, before the leases are left to expire.
   */
  private void giveBack(String queue, long deadline, String tokenPrefix, int triesLeft) {
    giveBackLostClaim(queue, deadline, tokenPrefix).onFailure(failed -> {
      if (triesLeft > 1) vertx.setTimer(GIVE_BACK_PAUSE_MS, t -> giveBack(queue, deadline, tokenPrefix, triesLeft - 1));
    });
  }

  /** A claim's answer ({@code promoted, deadline, id, body, state, ...}) as the tasks it leased. */
  private static List<ClaimedTask> claimed(String queue, Response reply) {
    if (reply.size() < 2) return List.of();
    Instant deadline = Instant.ofEpochMilli(reply.get(1).toLong());
    List<ClaimedTask> claimed = new ArrayList<>((reply.size() - 2) / 3);
    for (int i = 2; i + 2 < reply.size(); i += 3) {
      String[] token = new String[1];
      Task task = TaskRecords.decode(queue, reply.get(i).toString(), reply.get(i + 1).toString(),
          reply.get(i + 2).toString(), null, token);
      claimed.add(new ClaimedTask(task, token[0], deadline));
    }
    return claimed;
  }

  /**
   * A claim that failed may still have run: when a connection drops with calls pipelined on it, Redis can lease
   * the tasks and the answer never arrive. Nobody would run those tasks until their lease ran out, so they are
   * given back now: the tasks leased with this claim's deadline and token prefix are released (their attempt not
   * counted), atomically per task by {@code release.lua}, which refuses any lease that is no longer this one.
   * Best effort: when this fails too, the reaper takes them back at lease expiry as before. Answers how many.
   */
  Future<Integer> giveBackLostClaim(String queue, long deadline, String tokenPrefix) {
    Redis redis = pool;
    return bounded(redis.send(Request.cmd(Command.ZRANGEBYSCORE).arg(keys.lease(queue)).arg(deadline).arg(deadline)))
        .compose(ids -> {
          if (ids == null || ids.size() == 0) return Future.succeededFuture(List.<String>of());
          Request states = Request.cmd(Command.HMGET).arg(keys.state(queue));
          for (Response id : ids) states.arg(id.toString());
          return bounded(redis.send(states)).map(found -> {
            List<String> ours = new ArrayList<>();
            for (int i = 0; i < found.size(); i++) {
              String[] state = found.get(i) == null ? null : found.get(i).toString().split("\\|", 7);
              if (state != null && state.length > 5 && state[5].startsWith(tokenPrefix)) {
                ours.add(ids.get(i).toString());
                ours.add(state[5]);
              }
            }
            return ours;
          });
        })
        .compose(ours -> {
          List<Lease> leases = new ArrayList<>(ours.size() / 2);
          for (int i = 0; i + 1 < ours.size(); i += 2) leases.add(new Lease(ours.get(i), queue, ours.get(i + 1)));
          return release(leases);
        })
        .map(given -> {
          if (given.applied() > 0) {
            LOG.info("queue {}: gave back {} task(s) of a claim whose answer was lost", queue, given.applied());
          }
          return given.applied();
        });
  }

  @Override
  public Future<Integer> promoteDue(String queue, int max) {
    queues.add(queue);
    return claimScript(queue, clock.millis(), 0, 0, Math.max(0, max), tokenPrefix())
        .map(reply -> reply.get(0).toInteger());
  }

  /**
   * Tokens are unique per claim call: a random prefix, and the script appends each task's position. They prove
   * which claim a settle belongs to; workers are trusted code, so uniqueness matters, not secrecy.
   */
  private static String tokenPrefix() {
    return Long.toString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE, 36) + ".";
  }

  private Future<Response> claimScript(String queue, long now, int max, long leaseMs, int promoteMax,
                                       String tokenPrefix) {
    List<String> args = new ArrayList<>(9);
    args.add(Long.toString(now));
    args.addAll(claimValues(queue, max, leaseMs, promoteMax, tokenPrefix));
    return hot(CLAIM, List.of(keys.queue(queue)), args);
  }

  /** What claiming.lua's {@code claimArgs} reads, in its order: the claim part of the claim, enqueue and ack scripts. */
  private List<String> claimValues(String queue, int max, long leaseMs, int promoteMax, String tokenPrefix) {
    double rate = ratePerSecond.getOrDefault(queue, 0.0);
    BackendSettings.GroupLimits group = settings.groupLimitsOf(queue);
    return List.of(Integer.toString(Math.max(0, max)), Long.toString(leaseMs), Integer.toString(promoteMax),
        Double.toString(rate), Double.toString(Math.max(1, rate)), tokenPrefix, Integer.toString(group.concurrency()),
        Double.toString(group.ratePerSecond()));
  }

  // ---- settling --------------------------------------------------------------------------------------

  @Override
  public Future<Settlement> ack(List<Completion> completions) {
    return perQueue(completions, c -> c.lease().queue(), (queue, batch) -> ackOnce(queue, batch, null).map(WithClaim::result));
  }

  /** One script call when every completion is of the claim's queue (a runner's acks are); else the acks alone. */
  @Override
  public Future<WithClaim<Settlement>> ackAndClaim(List<Completion> completions, ClaimRequest claim) {
    if (completions.isEmpty() || !completions.stream().allMatch(c -> c.lease().queue().equals(claim.queue()))) {
      return ack(completions).map(WithClaim::notMade);
    }
    return ackOnce(claim.queue(), completions, claim);
  }

  /** One queue's acks, and {@code claim} after them when not null; a failed call gives back what it may have leased. */
  private Future<WithClaim<Settlement>> ackOnce(String queue, List<Completion> batch, ClaimRequest claim) {
    BackendSettings.Retention retention = settings.retentionOf(queue);
    long now = clock.millis();
    List<String> args = new ArrayList<>(4 + batch.size() * 3 + (claim == null ? 0 : 8));
    args.add(Long.toString(now));
    args.add(Long.toString(retention.age().toMillis()));
    args.add(Integer.toString(retention.maxCount()));
    args.add(Integer.toString(batch.size()));
    for (Completion completion : batch) {
      args.add(completion.lease().taskId());
      args.add(completion.lease().token());
      args.add(TaskRecords.optional(TaskRecords.resultValue(completion.result(), completion.degraded())));
    }
    if (claim == null) {
      return hot(ACK, List.of(keys.queue(queue)), args).map(reply -> WithClaim.notMade(settlement(reply.get(0), now)));
    }
    queues.add(queue);
    String tokenPrefix = tokenPrefix();
    args.addAll(claimValues(queue, claim.max(), claim.lease().toMillis(), PROMOTE_PER_CLAIM, tokenPrefix));
    return hot(ACK, List.of(keys.queue(queue)), args)
        .map(reply -> new WithClaim<>(settlement(reply.get(0), now), claimed(queue, reply.get(1))))
        .onFailure(lost -> giveBack(queue, now + claim.lease().toMillis(), tokenPrefix, GIVE_BACK_TRIES));
  }

  @Override
  public Future<Settlement> fail(List<FailureReport> failures) {
    return perQueue(failures, f -> f.lease().queue(), (queue, batch) -> {
      long now = clock.millis();
      List<String> args = new ArrayList<>(2 + batch.size() * 4);
      args.add(Long.toString(now));
      args.add(Integer.toString(batch.size()));
      for (FailureReport failure : batch) {
        args.add(failure.lease().taskId());
        args.add(failure.lease().token());
        args.add(failure.deadLetter() ? "" : Long.toString(failure.retryAt().toEpochMilli()));
        args.add(TaskRecords.optional(failure.error()));
      }
      return hot(FAIL, List.of(keys.queue(queue)), args).map(reply -> settlement(reply, now));
    });
  }

  @Override
  public Future<Optional<Instant>> extendLease(Lease lease, Duration extension) {
    return hot(EXTEND, List.of(keys.queue(lease.queue())), List.of(Long.toString(clock.millis()),
        Long.toString(extension.toMillis()), lease.taskId(), lease.token()))
        .map(reply -> reply == null ? Optional.empty() : Optional.of(Instant.ofEpochMilli(reply.toLong())));
  }

  @Override
  public Future<Settlement> release(List<Lease> leases) {
    return perQueue(leases, Lease::queue, (queue, batch) -> {
      long now = clock.millis();
      List<String> args = new ArrayList<>(2 + batch.size() * 2);
      args.add(Long.toString(now));
      args.add(Integer.toString(batch.size()));
      for (Lease lease : batch) {
        args.add(lease.taskId());
        args.add(lease.token());
      }
      return call(RELEASE, List.of(keys.queue(queue)), args).map(reply -> settlement(reply, now));
    });
  }

  @Override
  public Future<List<Task>> reapExpiredLeases(int max) {
    // queue after queue until `max` are reaped: every reaped task must be returned, so none is taken beyond it
    Future<List<Task>> chain = Future.succeededFuture(new ArrayList<>());
    for (String queue : List.copyOf(queues)) {
      chain = chain.compose(reaped -> {
        int room = max - reaped.size();
        if (room <= 0) return Future.succeededFuture(reaped);
        return call(REAP, List.of(keys.queue(queue)), List.of(Long.toString(clock.millis()), Integer.toString(room)))
            .map(reply -> {
              reaped.addAll(TaskRecords.tasks(queue, reply, 0));
              return reaped;
            });
      });
    }
    return chain;
  }

  // ---- operator actions ------------------------------------------------------------------------------

  @Override
  public Future<CancelResult> cancel(String taskId) {
    // the task is in at most one queue; asking all at once costs one round trip
    List<String> all = List.copyOf(queues);
    List<Future<CancelResult>> answers = new ArrayList<>(all.size());
    for (String queue : all) {
      BackendSettings.Retention retention = settings.retentionOf(queue);
      answers.add(call(CANCEL, List.of(keys.queue(queue)), List.of(Long.toString(clock.millis()), taskId,
          Long.toString(retention.age().toMillis()), Integer.toString(retention.maxCount())))
          .map(reply -> {
            int code = reply.get(0).toInteger();
            if (code == 0) return new CancelResult.NotFound(taskId);
            Task task = TaskRecords.tasks(queue, reply, 1).get(0);
            return code == 1 ? new CancelResult.Cancelled(task) : new CancelResult.NotCancellable(task, task.status());
          }));
    }
    return Future.all(answers).map(done -> answers.stream().map(Future::result)
        .filter(r -> !(r instanceof CancelResult.NotFound)).findFirst()
        .orElse(new CancelResult.NotFound(taskId)));
  }

  @Override
  public Future<CancelResult> cancelLeased(Lease lease) {
    queues.add(lease.queue());
    BackendSettings.Retention retention = settings.retentionOf(lease.queue());
    return call(CANCEL, List.of(keys.queue(lease.queue())), List.of(Long.toString(clock.millis()), lease.taskId(),
        Long.toString(retention.age().toMillis()), Integer.toString(retention.maxCount()), lease.token()))
        .map(reply -> {
          int code = reply.get(0).toInteger();
          if (code == 0) return new CancelResult.NotFound(lease.taskId());
          Task task = TaskRecords.tasks(lease.queue(), reply, 1).get(0);
          return code == 1 ? new CancelResult.Cancelled(task) : new CancelResult.NotCancellable(task, task.status());
        });
  }

  @Override
  public Future<Boolean> pause(String queue) {
    queues.add(queue);
    return bounded(pool.send(Request.cmd(Command.HSETNX).arg(keys.meta(queue)).arg("paused").arg("1")))
        .map(reply -> reply.toInteger() == 1);
  }

  /** The {@code gsize} index the claim script keeps (see common.lua): one read, no script. */
  @Override
  public Future<List<GroupStats>> groupStats(String queue, int limit) {
    if (limit <= 0) return Future.succeededFuture(List.of());
    return bounded(pool.send(Request.cmd(Command.ZRANGE).arg(keys.queue(queue) + ":gsize").arg("+inf").arg("1")
        .arg("BYSCORE").arg("REV").arg("LIMIT").arg("0").arg(Integer.toString(limit)).arg("WITHSCORES")))
        .map(reply -> {
          List<GroupStats> groups = new ArrayList<>(reply.size());
          for (int i = 0; i < reply.size(); i++) {
            Response item = reply.get(i);
            if (item.type() == io.vertx.redis.client.ResponseType.MULTI) { // RESP3: [member, score] pairs
              groups.add(new GroupStats(item.get(0).toString(), Math.round(item.get(1).toDouble())));
            } else { // RESP2: member, score, member, score ...
              groups.add(new GroupStats(item.toString(), Math.round(reply.get(++i).toDouble())));
            }
          }
          return groups;
        });
  }

  @Override
  public Future<Boolean> resume(String queue) {
    queues.add(queue);
    return bounded(pool.send(Request.cmd(Command.HDEL).arg(keys.meta(queue)).arg("paused")))
        .map(reply -> reply.toInteger() == 1);
  }

  @Override
  public Future<List<Task>> deadLetters(String queue, int limit) {
    return call(DEAD, List.of(keys.queue(queue)), List.of(Integer.toString(limit)))
        .map(reply -> TaskRecords.tasks(queue, reply, 0));
  }

  @Override
  public Future<List<Task>> replay(String queue, List<String> ids) {
    List<String> args = new ArrayList<>(1 + ids.size());
    args.add(Long.toString(clock.millis()));
    args.addAll(ids);
    return call(REPLAY, List.of(keys.queue(queue)), args).map(reply -> TaskRecords.tasks(queue, reply, 0));
  }

  /** In chunks, each its own script call, so purging a huge dead-letter queue never holds Redis for long. */
  @Override
  public Future<Integer> purgeDeadLetters(String queue) {
    return purgeFrom(queue, 0);
  }

  private Future<Integer> purgeFrom(String queue, int purgedSoFar) {
    return call(PURGE, List.of(keys.queue(queue)), List.of(Integer.toString(PURGE_CHUNK))).compose(reply -> {
      int purged = purgedSoFar + reply.toInteger();
      return reply.toInteger() < PURGE_CHUNK ? Future.succeededFuture(purged) : purgeFrom(queue, purged);
    });
  }

  // ---- reads -----------------------------------------------------------------------------------------

  @Override
  public Future<Optional<Task>> get(String taskId) {
    List<String> all = List.copyOf(queues);
    List<Future<List<Task>>> answers = new ArrayList<>(all.size());
    for (String queue : all) {
      answers.add(call(GET, List.of(keys.queue(queue)), List.of(taskId)).map(reply -> TaskRecords.tasks(queue, reply, 0)));
    }
    return Future.all(answers).map(done -> answers.stream().flatMap(f -> f.result().stream()).findFirst());
  }

  @Override
  public Future<List<Task>> list(TaskQuery query) {
    String status = query.status() == null ? "" : TaskRecords.code(query.status());
    List<String> targets = query.queue() == null ? List.copyOf(queues) : List.of(query.queue());
    List<Future<List<Task>>> answers = new ArrayList<>(targets.size());
    for (String queue : targets) {
      answers.add(call(LIST, List.of(keys.queue(queue)),
              List.of(Integer.toString(query.limit()), status, query.degradedOnly() ? "1" : ""))
          .map(reply -> TaskRecords.tasks(queue, reply, 0)));
    }
    // each queue answers newest first; ids are time-ordered, so merging by id keeps that order
    return Future.all(answers).map(done -> answers.stream().flatMap(f -> f.result().stream())
        .sorted(Comparator.comparing(Task::id).reversed())
        .limit(Math.max(0, query.limit()))
        .toList());
  }

  @Override
  public Future<QueueStats> stats(String queue) {
    BackendSettings.Retention retention = settings.retentionOf(queue);
    long now = clock.millis();
    return call(STATS, List.of(keys.queue(queue)), List.of(Long.toString(now), Long.toString(retention.age().toMillis()),
        Integer.toString(retention.maxCount())))
        .map(r -> {
          long ok = r.get(7).toLong();
          long failed = r.get(8).toLong();
          long oldestReady = r.get(9).toLong();
          long lastCompleted = r.get(10).toLong();
          return new QueueStats(queue, r.get(0).toInteger() == 1, r.get(1).toLong(), r.get(2).toLong(),
              r.get(3).toLong(), r.get(4).toLong(), r.get(5).toLong(), r.get(6).toLong(), ok,
              ok + failed == 0 ? 0.0 : (double) failed / (ok + failed),
              oldestReady < 0 ? 0 : Math.max(0, now - oldestReady),
              lastCompleted < 0 ? null : Instant.ofEpochMilli(lastCompleted));
        });
  }

  /**
   * Over the held connection, so the health check answers for the path the tasks take; on a Redis Cluster, of every
   * master (through the pool), since each holds some of the queues.
   */
  @Override
  public Future<Void> ping() {
    if (slots == null) return held.send(Request.cmd(Command.PING)).mapEmpty();
    return bounded(RedisClients.onEveryMaster(pool, true, Request.cmd(Command.PING))).mapEmpty();
  }

  @Override
  public Future<Void> close() {
    return Future.join(held.close(), pool.close()).mapEmpty();
  }

  @Override
  public Future<List<Task>> drainToDeadLetters(String queue, Instant readyBefore, int max) {
    queues.add(queue);
    return call(RedisScripts.DRAIN, List.of(keys.queue(queue)), List.of(Long.toString(clock.millis()),
        Long.toString(readyBefore.toEpochMilli()), Integer.toString(max)))
        .map(reply -> TaskRecords.tasks(queue, reply, 0));
  }

  // ---- plumbing --------------------------------------------------------------------------------------

  /**
   * A script call on the hot path: the held connection (which bounds each round trip itself) on a single Redis; on
   * a Redis Cluster the pool, whose cluster connections route each call to its slot's master (one held connection
   * of a one-connection client does not spread over the masters).
   */
  private Future<Response> hot(String script, List<String> keyList, List<String> args) {
    return slots == null ? scripts.run(heldSender, script, keyList, args) : call(script, keyList, args);
  }

  private Future<Response> call(String script, List<String> keyList, List<String> args) {
    Redis redis = pool;
    return bounded(scripts.run(redis::send, script, keyList, args));
  }

  /** Sends one command on the held connection (tests: which connection is it). */
  Future<Response> sendHeld(Request request) {
    return held.send(request);
  }

  private static <T> Future<T> bounded(Future<T> call) {
    return call.timeout(OPERATION_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** One script call per queue (a settle batch normally holds one queue), answers merged. */
  private static <T> Future<Settlement> perQueue(List<T> items, Function<T, String> queueOf,
                                                 java.util.function.BiFunction<String, List<T>, Future<Settlement>> settle) {
    if (items.isEmpty()) return Future.succeededFuture(Settlement.none());
    Map<String, List<T>> byQueue = new LinkedHashMap<>();
    for (T item : items) byQueue.computeIfAbsent(queueOf.apply(item), q -> new ArrayList<>()).add(item);
    if (byQueue.size() == 1) {
      Map.Entry<String, List<T>> only = byQueue.entrySet().iterator().next();
      return settle.apply(only.getKey(), only.getValue());
    }
    List<Future<Settlement>> parts = byQueue.entrySet().stream().map(e -> settle.apply(e.getKey(), e.getValue())).toList();
    return Future.all(parts).map(done -> {
      int applied = 0;
      List<String> refused = new ArrayList<>();
      for (Future<Settlement> part : parts) {
        applied += part.result().applied();
        refused.addAll(part.result().refusedTaskIds());
      }
      return Settlement.of(applied, refused, parts.get(0).result().at());
    });
  }

  /** @param now the time the script was given: what it recorded */
  private static Settlement settlement(Response reply, long now) {
    List<String> refused = new ArrayList<>(reply.size() - 1);
    for (int i = 1; i < reply.size(); i++) refused.add(reply.get(i).toString());
    return Settlement.of(reply.get(0).toInteger(), refused, Instant.ofEpochMilli(now));
  }

  private static String text(Response response) {
    return response == null ? null : response.toString();
  }

  /** How many enqueue script calls this instance made (merged calls count once). */
  long enqueueRoundTrips() {
    return enqueueRoundTrips.get();
  }

  /** The queues get, cancel, list and reap look through. */
  Set<String> knownQueues() {
    return new LinkedHashSet<>(queues);
  }
}
