package io.vigil.queue;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vigil.bus.Address;
import io.vigil.bus.Addresses;
import io.vigil.bus.Commands;
import io.vigil.bus.FailoverList;
import io.vigil.bus.Facts;
import io.vigil.bus.Failure;
import io.vigil.bus.FailureException;
import io.vigil.bus.FieldError;
import io.vigil.bus.QueueStatsUpdated;
import io.vigil.bus.RequestIds;
import io.vigil.bus.StatsJson;
import io.vigil.bus.TaskJson;
import io.vigil.config.ConfigApplied;
import io.vigil.config.QueueConfig;
import io.vigil.config.QueueSlice;
import io.vigil.config.TaskTypeConfig;
import io.vigil.domain.ModeState;
import io.vigil.domain.SystemMode;
import io.vigil.domain.Task;
import io.vigil.domain.TaskStatus;
import io.vigil.domain.Timers;
import io.vigil.domain.fact.ModeChanged;
import io.vigil.domain.fact.Stamps;
import io.vigil.domain.fact.TargetSwitched;
import io.vigil.domain.recovery.FailoversInForce;
import io.vigil.kit.VertxTimers;
import io.vigil.queue.handler.HandlerRegistry;
import io.vigil.queue.redis.RedisQueueBackend;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BiFunction;
import java.util.function.Supplier;

/**
 * The queue engine on one node: answers the task and queue commands, runs one {@link QueueRunner} per queue,
 * reaps expired leases, publishes statistics (when they changed: {@link StatsRounds}), and follows the system mode and
 * the store's back-pressure. Deploy exactly one instance per node.
 */
public final class QueueVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(QueueVerticle.class);
  private static final int REAP_BATCH = 1000;

  /** Replaced on reload ({@link #reconfigure}); the helpers read it through a supplier. */
  private QueueSlice config;
  private final Clock clock;
  private QueueBackend backend;
  private HandlerRegistry handlers;
  private QueueFacts facts;
  private BackendHealth health;
  private TaskService tasks;
  private QueueAdmin admin;
  private TaskExecutor executor;
  private Timers timers;
  private final Map<String, QueueRunner> runners = new LinkedHashMap<>();
  private final List<Settler> settlers = new ArrayList<>();
  private ModeState mode;
  private boolean backpressure;
  private Instant lostAt;
  private long releaseTimer = -1;
  private OneAtATime reaping;
  private OneAtATime statistics;
  private final StatsRounds published = new StatsRounds();
  /** The recovery failovers in force: their http task types call a secondary target. */
  private final FailoversInForce failedOver = new FailoversInForce();
  /** The Vigil nodes in the cluster (1 alone): idle queues share the polling with the others. */
  private int nodes = 1;

  public QueueVerticle(QueueSlice config, Clock clock) {
    this.config = config;
    this.clock = clock;
  }

  @Override
  public Future<?> start() {
    backend = QueueBackends.create(vertx, config, clock);
    handlers = HandlerRegistry.create(vertx, taskTypes());
    facts = new QueueFacts(vertx.eventBus(), new Stamps(clock));
    mode = new ModeState(config.system().mode(), false, config.system().fallback());
    timers = VertxTimers.on(context);
    health = new BackendHealth(timers, clock, backend, config.system().backendCheck(), config.redis().reconnectMax(),
        this::backendLost, this::backendRestored);
    if (backend instanceof RedisQueueBackend redis) { // a dropped hot connection: look at once, on this loop
      redis.onConnectionLost(cause -> context.runOnContext(v -> health.failed(cause)));
    }
    Supplier<QueueSlice> current = () -> config;
    executor = new TaskExecutor(timers, current, handlers);
    InlineRunner inline = new InlineRunner(executor, facts::finished, clock, config.queue().idempotencyWindow());
    tasks = new TaskService(current, backend, clock, inline, () -> mode, this::wake, queue -> {
      QueueRunner runner = runners.get(queue);
      return runner == null ? null : runner.submissions();
    }, health::failed);
    admin = new QueueAdmin(current, backend, facts);
    config.queues().values().forEach(this::addQueue);
    bindCommands(vertx.eventBus());
    Facts.listen(vertx.eventBus(), Addresses.CONFIG_APPLIED, this::reconfigure);
    Facts.listen(vertx.eventBus(), Addresses.RECOVERY_TARGET_SWITCHED, this::targetSwitched);
    Facts.listen(vertx.eventBus(), Addresses.CLUSTER_NODES_COUNTED, counted -> nodes = counted.getInteger("nodes", 1));
    Facts.listen(vertx.eventBus(), Addresses.TASK_CANCEL_RUNNING, q -> runners.values().forEach(r ->
        r.cancel(q.getString("id"), q.getString("actor", "bus"), q.getString("reason"), config.queue().shutdownGrace())));
    // an operator's switch made on any node (cluster-wide); this node's own back-pressure (node-local)
    Facts.listen(vertx.eventBus(), Addresses.SYSTEM_MODE_CHANGED, this::modeChanged);
    Facts.listen(vertx.eventBus(), Addresses.STORE_BACKPRESSURE_CHANGED, changed -> {
      backpressure = changed.active();
      applyMode();
    });
    // a node that starts while a failover is in force learns it from the leader, not at the next leader change
    FailoverList.ask(vertx.eventBus(), timers, failedOver, () -> {
      handlers.reconfigure(vertx, taskTypes());
      LOG.warn("failovers in force as this engine started: task types {} call a secondary",
          failedOver.taskTargets().keySet());
    });
    reaping = new OneAtATime("reaping expired leases", timers, config.queue().reapInterval(), this::reap);
    statistics = new OneAtATime("publishing queue statistics", timers, config.queue().statsInterval(),
        this::publishStats);
    reaping.start();
    statistics.start();
    return backend.ping()
        .recover(e -> {
          health.failed(e); // start anyway: the fallback takes over and the backend is watched
          return Future.succeededFuture();
        })
        .compose(v -> currentMode())
        .onSuccess(v -> {
          applyMode();
          LOG.info("queue engine started on the {} backend with queues {}", backend.name(), runners.keySet());
        });
  }

  @Override
  public Future<?> stop() {
    reaping.stop();
    statistics.stop();
    runners.values().forEach(QueueRunner::stop);
    Duration grace = config.queue().shutdownGrace();
    List<Future<Void>> idle = runners.values().stream().map(r -> r.awaitIdle(grace)).toList();
    return Future.join(idle)
        .transform(done -> Future.join(runners.values().stream().map(QueueRunner::releaseRunning).toList()))
        .transform(done -> Future.join(settlers.stream().map(Settler::drain).toList()))
        .transform(done -> handlers.close())
        .transform(done -> backend.close());
  }

  private void addQueue(QueueConfig queue) {
    Settler settler = new Settler(timers, backend, clock, () -> ThreadLocalRandom.current().nextDouble(),
        config.queue().claimBatch() * 10, batch -> facts.settled(batch, queue.name()));
    settlers.add(settler);
    // only a backend every node shares (Redis) is polled by all of them; a memory queue is this node's alone
    boolean shared = backend instanceof RedisQueueBackend;
    QueueRunner runner = new QueueRunner(timers, queue, () -> config, backend, executor, settler, clock, health,
        () -> shared ? nodes : 1);
    runner.onCancelled(facts::cancelled);
    settler.claimWith(runner.acks());
    runners.put(queue.name(), runner);
  }

  /**
   * A reload: per-queue concurrency, rate limit, lease and retention, and every task type (timeout, target,
   * backoff, handler), apply without a restart; a queue new to the file starts at once. A queue removed from the
   * file runs on until the restart (the reload reports it), so its tasks are not stranded.
   */
  private void reconfigure(ConfigApplied applied) {
    if (!applied.changes().touches("queues", "task_types")) return;
    config = QueueSlice.of(applied.config());
    handlers.reconfigure(vertx, taskTypes());
    backend.reconfigure(QueueBackends.settings(config), QueueBackends.rates(config));
    for (QueueConfig queue : config.queues().values()) {
      QueueRunner runner = runners.get(queue.name());
      if (runner == null) addQueue(queue);
      else runner.reconfigure(queue);
    }
    applyMode();
    LOG.info("queue engine reconfigured: {}", applied.changes().applied());
  }

  /** Binds a queue command; a backend error (not a coded answer) is a 503 and makes the health check look. */
  private void bind(EventBus bus, Address<JsonObject> address, BiFunction<JsonObject, Message<Object>, Future<JsonObject>> command) {
    Commands.bind(bus, address, (q, m) -> command.apply(q, m).recover(error -> {
      if (error instanceof FailureException) return Future.failedFuture(error);
      health.failed(error);
      return Future.failedFuture(Failure.unavailable(Failure.Codes.BACKEND_UNAVAILABLE, "the queue backend failed: "
          + BackendHealth.describe(error), config.system().retryAfterSeconds()).asException());
    }));
  }

  private void bindCommands(EventBus bus) {
    bind(bus, Addresses.TASKS_SUBMIT, (q, m) -> tasks.submit(q, RequestIds.of(m)).map(Submitted::toJson));
    bind(bus, Addresses.TASKS_SUBMIT_BATCH, (q, m) -> tasks.submitBatch(q, RequestIds.of(m))
        .map(items -> new JsonObject().put("tasks", items)));
    bind(bus, Addresses.TASKS_GET, (q, m) -> tasks.get(q.getString("id")).map(TaskJson::toJson));
    bind(bus, Addresses.TASKS_LIST, (q, m) -> {
      TaskStatus status = q.getString("status") == null ? null : TaskStatus.fromWire(q.getString("status"));
      return tasks.list(q.getString("queue"), status, q.getInteger("limit", 100), q.getBoolean("degraded", false))
          .map(TaskService::tasksJson);
    });
    bind(bus, Addresses.TASKS_CANCEL, (q, m) -> tasks.cancel(q.getString("id")).map(result -> {
      if (result instanceof CancelResult.Cancelled cancelled) {
        facts.cancelled(cancelled.task(), actor(q), q.getString("reason"));
        return TaskJson.toJson(cancelled.task());
      }
      // running, here or on another node: whichever runner holds it stops it and ends it cancelled
      Task active = ((CancelResult.NotCancellable) result).task();
      Facts.publish(bus, Addresses.TASK_CANCEL_RUNNING, new JsonObject().put("id", active.id())
          .put("actor", actor(q)).put("reason", q.getString("reason")));
      return TaskJson.toJson(active).put("cancelling", true);
    }));
    bind(bus, Addresses.QUEUES_LIST, (q, m) -> queues());
    bind(bus, Addresses.QUEUES_SNAPSHOT, (q, m) -> queues());
    bind(bus, Addresses.QUEUES_GET, (q, m) -> admin.stats(q.getString("queue")).map(StatsJson::toJson));
    bind(bus, Addresses.QUEUES_PAUSE, (q, m) -> pauseOrResume(q, true));
    bind(bus, Addresses.QUEUES_RESUME, (q, m) -> pauseOrResume(q, false));
    bind(bus, Addresses.QUEUES_GROUPS, (q, m) -> admin.groups(q.getString("queue"), q.getInteger("limit", 20)));
    bind(bus, Addresses.DEAD_LETTERS_LIST, (q, m) ->
        admin.deadLetters(q.getString("queue"), q.getInteger("limit", 100)).map(TaskService::tasksJson));
    bind(bus, Addresses.DEAD_LETTERS_REPLAY, (q, m) -> {
      List<String> ids = q.getJsonArray("ids", new JsonArray()).stream().map(String::valueOf).toList();
      return admin.replay(q.getString("queue"), ids, actor(q), q.getString("reason"))
          .onSuccess(replayed -> wake(q.getString("queue")))
          .map(replayed -> new JsonObject().put("replayed", replayed.size())
              .put("ids", new JsonArray(replayed.stream().map(Task::id).toList())));
    });
    bind(bus, Addresses.DEAD_LETTERS_PURGE, (q, m) -> admin.purge(q.getString("queue"), actor(q), q.getString("reason"))
        .map(n -> new JsonObject().put("purged", n)));
    bind(bus, Addresses.QUEUES_RECOVER, (q, m) -> recover(q));
    bind(bus, Addresses.QUEUE_HEALTH, (q, m) -> Future.succeededFuture(new JsonObject()
        .put("backend", backend.name()).put("up", !health.isLost())
        .put("mode", mode.effective().wireName()).put("consuming", mode.consumes() && !backpressure)
        .put("accepting", mode.effective().acceptsWork() && !mode.rejectsNewWork())
        .put("running", runners.values().stream().mapToInt(QueueRunner::inFlight).sum())
        .put("finished", facts.finishedSoFar())));
  }

  /** The task types as configured, with the targets a recovery failover switched to their secondary. */
  private List<TaskTypeConfig> taskTypes() {
    Map<String, String> failedOver = this.failedOver.taskTargets();
    return config.taskTypes().values().stream().map(t -> {
      String target = failedOver.get(t.name());
      return target == null || !t.handler().equals("http") ? t : new TaskTypeConfig(t.name(), t.queue(), t.handler(),
          target, t.timeout(), t.maxAttempts(), t.retry());
    }).toList();
  }

  /** A recovery failover (on any node's leader) switched http task types to a secondary target, or back. */
  private void targetSwitched(TargetSwitched switched) {
    if (switched.taskTypes().isEmpty()) return;
    failedOver.switched(switched.component(), switched.target(), switched.taskTypes(), switched.probe());
    handlers.reconfigure(vertx, taskTypes());
    LOG.warn("task types {} now call {}", switched.taskTypes(), switched.toSecondary() ? "their secondary"
        : "their configured target");
  }

  /** Recovery's queue-side actions ({@code vigil.queues.recover}). */
  private Future<JsonObject> recover(JsonObject q) {
    int max = Math.max(1, Math.min(100_000, q.getInteger("max", 1000)));
    String action = q.getString("action", "");
    LOG.info("recovery action {} asked by {}", action, actor(q));
    return switch (action) {
      case "reconnect" -> backend.reconnect().map(v -> new JsonObject().put("reconnected", true));
      case "reap" -> backend.reapExpiredLeases(max).map(reaped -> {
        List<Task> dead = reaped.stream().filter(t -> t.status() == TaskStatus.DEAD).toList();
        if (!dead.isEmpty()) {
          facts.finished(dead);
          dead.forEach(facts::deadLettered);
        }
        reaped.stream().map(Task::queue).distinct().forEach(this::wake);
        return new JsonObject().put("reaped", reaped.size());
      });
      case "drain" -> {
        String queue = q.getString("queue", "");
        if (!config.queues().containsKey(queue)) throw Failure.notFound("queue " + queue).asException();
        Instant before = clock.instant().minusMillis(Math.max(0, q.getLong("older_than_ms", 0L)));
        yield backend.drainToDeadLetters(queue, before, max).map(drained -> {
          facts.finished(drained);
          drained.forEach(facts::deadLettered);
          return new JsonObject().put("drained", drained.size())
              .put("ids", new JsonArray(drained.stream().map(Task::id).toList()));
        });
      }
      default -> throw Failure.invalid(List.of(new FieldError("action", "one of reconnect, reap, drain"))).asException();
    };
  }

  private Future<JsonObject> queues() {
    return admin.statsOfAll()
        .map(all -> new JsonObject().put("queues", new JsonArray(all.stream().map(StatsJson::toJson).toList())));
  }

  private Future<JsonObject> pauseOrResume(JsonObject q, boolean pause) {
    String queue = q.getString("queue");
    Future<Boolean> done = pause ? admin.pause(queue, actor(q), q.getString("reason"))
        : admin.resume(queue, actor(q), q.getString("reason"));
    return done.map(changed -> {
      if (!pause) wake(queue);
      return new JsonObject().put("queue", queue).put("paused", pause).put("changed", changed);
    });
  }

  private void wake(String queue) {
    QueueRunner runner = runners.get(queue);
    if (runner != null) runner.wake();
  }

  private Future<?> reap() {
    if (health.isLost()) return Future.succeededFuture();
    return backend.reapExpiredLeases(REAP_BATCH).onComplete(result -> {
      if (result.failed()) {
        health.failed(result.cause());
        return;
      }
      List<Task> dead = result.result().stream().filter(t -> t.status() == TaskStatus.DEAD).toList();
      if (!result.result().isEmpty()) {
        LOG.info("reaped {} expired lease(s); {} dead-lettered", result.result().size(), dead.size());
      }
      if (!dead.isEmpty()) {
        facts.finished(dead);
        dead.forEach(facts::deadLettered);
      }
      result.result().stream().map(Task::queue).distinct().forEach(this::wake);
    });
  }

  private Future<?> publishStats() {
    if (health.isLost()) return Future.succeededFuture();
    return admin.statsOfAll().onComplete(result -> {
      Instant now = clock.instant();
      if (result.failed()) health.failed(result.cause());
      else if (published.publish(result.result(), now)) facts.stats(new QueueStatsUpdated(now, result.result()));
    });
  }

  /** Asks this node's ControlVerticle for the configured mode; without one, the configured starting mode holds. */
  private Future<Void> currentMode() {
    return Commands.request(vertx.eventBus(), Addresses.SYSTEM_MODE_GET, new JsonObject(),
            new DeliveryOptions().setSendTimeout(5_000))
        .map(reply -> {
          SystemMode.fromWire(reply.body().getString("configured")).ifPresent(m -> mode = mode.withConfigured(m));
          return (Void) null;
        })
        .otherwiseEmpty();
  }

  private void modeChanged(ModeChanged changed) {
    mode = mode.withConfigured(changed.configured());
    applyMode();
  }

  private void backendLost(Throwable cause) {
    lostAt = clock.instant();
    mode = mode.withBackendLost(true);
    facts.backendLost(backend.name(), cause);
    applyMode();
  }

  private void backendRestored() {
    Duration down = lostAt == null ? Duration.ZERO : Duration.between(lostAt, clock.instant());
    mode = mode.withBackendLost(false);
    facts.backendRestored(backend.name(), down);
    applyMode();
  }

  /** Claiming follows the mode and back-pressure; in stopped mode, running tasks get the grace period, then are released. */
  private void applyMode() {
    boolean consume = mode.consumes() && !backpressure;
    runners.values().forEach(r -> r.setConsuming(consume));
    if (mode.effective() == SystemMode.STOPPED && releaseTimer < 0) {
      releaseTimer = vertx.setTimer(Math.max(1, config.queue().shutdownGrace().toMillis()), id -> {
        releaseTimer = -1;
        if (mode.effective() == SystemMode.STOPPED) runners.values().forEach(QueueRunner::releaseRunning);
      });
    }
  }

  private static String actor(JsonObject q) {
    return q.getString("actor", "bus");
  }
}
