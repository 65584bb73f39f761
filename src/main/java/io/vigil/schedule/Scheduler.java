package io.vigil.schedule;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vigil.domain.Timers;
import io.vigil.domain.schedule.ScheduleRuns;
import io.vigil.domain.schedule.ScheduleSpec;
import io.vigil.domain.schedule.ScheduleState;
import io.vigil.domain.schedule.TaskTemplate;
import io.vigil.store.schedules.ScheduleStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Runs the schedules on the leading node: looks at least once a second (and at each next due time), decides with the
 * {@link Planner}, enqueues through the {@link Enqueuer} with the run's idempotency key, then records the due time in
 * the {@link ScheduleStore} by compare-and-set. Enqueue first, record second: a node that dies in between leaves the
 * due time unrecorded, and whoever leads next enqueues it again under the same key, which places nothing new. So each
 * due time is enqueued once across restarts and leader changes. Confined to one event loop; every wait is on
 * {@link Timers}.
 */
final class Scheduler {
  private static final Logger LOG = LoggerFactory.getLogger(Scheduler.class);
  static final long MAX_SLEEP_MS = 1_000;

  private final Clock clock;
  private final Timers timers;
  private final ScheduleStore store;
  private final Enqueuer queue;
  private final Planner planner;
  private final Map<String, ScheduleSpec> specs = new LinkedHashMap<>();
  private final Map<String, ScheduleState> states = new LinkedHashMap<>();
  private final Map<String, Long> enqueued = new LinkedHashMap<>();
  /** Schedules with a decision under way: one at a time per schedule. */
  private final Set<String> busy = new HashSet<>();
  private boolean loaded;
  private boolean running;
  private boolean failing;
  private long timer = -1;

  Scheduler(Clock clock, Timers timers, ScheduleStore store, Enqueuer queue) {
    this.clock = clock;
    this.timers = timers;
    this.store = store;
    this.queue = queue;
    this.planner = new Planner(clock);
  }

  Planner planner() {
    return planner;
  }

  /** Replaces the set of schedules (the file's and the API's, merged); states of kept schedules carry on. */
  void setSchedules(Map<String, ScheduleSpec> all) {
    specs.clear();
    specs.putAll(all);
    if (running) wake();
  }

  Map<String, ScheduleSpec> schedules() {
    return Map.copyOf(specs);
  }

  Optional<ScheduleState> state(String id) {
    return Optional.ofNullable(states.get(id));
  }

  /** Runs enqueued by this node since it started leading. */
  long enqueued(String id) {
    return enqueued.getOrDefault(id, 0L);
  }

  void start() {
    running = true;
    wake();
  }

  void stop() {
    running = false;
    if (timer >= 0) timers.cancel(timer);
    timer = -1;
  }

  /** A schedule deleted: forget its state here (the store forgets it with the definition). */
  void forget(String id) {
    states.remove(id);
    enqueued.remove(id);
  }

  private void wake() {
    if (timer >= 0) timers.cancel(timer);
    timer = -1;
    timers.defer(this::tick);
  }

  private void tick() {
    if (!running) return;
    if (timer >= 0) timers.cancel(timer);
    timer = -1;
    if (!loaded) {
      load();
    } else {
      for (ScheduleSpec spec : specs.values()) {
        if (!busy.contains(spec.id())) handle(spec);
      }
      if (specs.isEmpty()) return; // nothing to plan: no timer until setSchedules brings one
    }
    timer = timers.schedule(sleep(), () -> {
      timer = -1;
      tick();
    });
  }

  /** Until the earliest next due time, at most a second (overlap and a failed store are looked at again then). */
  private long sleep() {
    Instant now = clock.instant();
    long sleep = MAX_SLEEP_MS;
    for (ScheduleSpec spec : specs.values()) {
      ScheduleState state = states.get(spec.id());
      if (state == null) continue;
      Optional<Instant> next = planner.wakeUp(spec, state);
      if (next.isPresent()) sleep = Math.min(sleep, Math.max(1, Duration.between(now, next.get()).toMillis()));
    }
    return sleep;
  }

  private void load() {
    store.states().onComplete(done -> {
      if (done.failed()) {
        failed("reading the schedules' states", done.cause());
        return;
      }
      recovered();
      states.putAll(done.result());
      loaded = true;
      if (running) wake();
    });
  }

  private void handle(ScheduleSpec spec) {
    ScheduleState state = states.get(spec.id());
    if (state == null) {
      record(null, ScheduleState.fresh(spec.id(), clock.instant()), null);
      return;
    }
    if (planner.pending(spec, state).isEmpty()) return;
    busy.add(spec.id());
    boolean lookAtPrevious = spec.overlap() == io.vigil.domain.schedule.Overlap.SKIP && state.lastTaskId() != null;
    Future<Boolean> previous = lookAtPrevious ? queue.unfinished(state.lastTaskId()) : Future.succeededFuture(false);
    previous.compose(unfinished -> {
      Planner.Decision decision = planner.decide(spec, state, unfinished);
      if (decision.nothingDue()) return Future.succeededFuture();
      if (decision.enqueue() == null) {
        LOG.info("schedule {}: due time {} skipped ({})", spec.id(), decision.due(), decision.skipped());
        return record(state.cursor(), decision.after(state, null), null);
      }
      return queue.submit(request(spec.template(), ScheduleRuns.key(spec.id(), decision.enqueue())))
          .compose(taskId -> record(state.cursor(), decision.after(state, taskId), taskId));
    }).onComplete(done -> {
      busy.remove(spec.id());
      if (done.failed()) failed("schedule " + spec.id(), done.cause());
      else recovered();
    });
  }

  /** Records the new state; another writer having moved the cursor means this node's view is stale: read it again. */
  private Future<Void> record(Instant expected, ScheduleState next, String taskId) {
    String id = next.id();
    busy.add(id);
    return store.advance(expected, next).compose(recorded -> {
      if (recorded) {
        states.put(id, next);
        if (taskId != null) {
          enqueued.merge(id, 1L, Long::sum);
          LOG.debug("schedule {}: task {} enqueued for {}", id, taskId, next.lastDue());
        }
        return Future.<Void>succeededFuture();
      }
      LOG.warn("schedule {}: another node recorded its progress; reading it again", id);
      return store.states().map(all -> {
        ScheduleState theirs = all.get(id);
        if (theirs != null) states.put(id, theirs);
        return (Void) null;
      });
    }).onComplete(done -> busy.remove(id));
  }

  static JsonObject request(TaskTemplate template, String idempotencyKey) {
    JsonObject request = new JsonObject().put("type", template.type())
        .put("payload", new JsonObject(new LinkedHashMap<>(template.payload())))
        .put("idempotency_key", idempotencyKey);
    if (template.queue() != null) request.put("queue", template.queue());
    if (template.priority() != null) request.put("priority", template.priority());
    if (template.maxAttempts() != null) request.put("max_attempts", template.maxAttempts());
    return request;
  }

  /** Logged once per run of failures: a store or backend outage would otherwise log every second. */
  private void failed(String what, Throwable cause) {
    if (!failing) LOG.warn("{} failed ({}); retrying every second until it succeeds", what, cause.getMessage());
    failing = true;
  }

  private void recovered() {
    if (failing) LOG.info("schedules run again");
    failing = false;
  }
}
