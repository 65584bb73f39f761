package io.vigil.bus;

import io.vertx.core.json.JsonObject;
import io.vigil.config.ConfigApplied;
import io.vigil.domain.fact.AlarmStateChanged;
import io.vigil.domain.fact.BackendLost;
import io.vigil.domain.fact.BackendRestored;
import io.vigil.domain.fact.BreakerStateChanged;
import io.vigil.domain.fact.TaskDegraded;
import io.vigil.domain.fact.ComponentStatusChanged;
import io.vigil.domain.probe.ProbeResults;
import io.vigil.domain.fact.ConfigChanged;
import io.vigil.domain.fact.ConfigReloadFailed;
import io.vigil.domain.fact.ConfigReloadRequested;
import io.vigil.domain.fact.ConfigReloaded;
import io.vigil.domain.fact.DeadLettersPurged;
import io.vigil.domain.fact.DeadLettersReplayed;
import io.vigil.domain.fact.DeliveryRecorded;
import io.vigil.domain.fact.Fact;
import io.vigil.domain.fact.LeaderChanged;
import io.vigil.domain.fact.LeaseRefused;
import io.vigil.domain.fact.ModeChanged;
import io.vigil.domain.fact.QueueStateChanged;
import io.vigil.domain.fact.RecoveryAttemptFinished;
import io.vigil.domain.fact.RecoveryEscalated;
import io.vigil.domain.fact.RecoveryRunChanged;
import io.vigil.domain.fact.TargetSwitched;
import io.vigil.domain.fact.ScheduleChanged;
import io.vigil.domain.fact.StoreBackpressureChanged;
import io.vigil.domain.fact.StoreOverflowed;
import io.vigil.domain.fact.StoreRestored;
import io.vigil.domain.fact.StoreUnavailable;
import io.vigil.domain.fact.TaskCancelled;
import io.vigil.domain.fact.TaskDeadLettered;

import java.util.List;

/**
 * Every event-bus address Vigil uses, with its scope, the record it carries, who sends it and who listens.
 * Facts are published in the past tense; commands are request/reply in the imperative and always fail with a
 * {@link Failure} (status code + problem JSON).
 *
 * <p><b>Scope.</b> {@link Scope#NODE node-local} addresses are about this node (its readiness, its mode in force,
 * its stream numbering) or carry records with a local codec; they are bound and published with
 * {@link Commands}/{@link Facts}, which keep them on this node. {@link Scope#CLUSTER Cluster-wide} commands can be
 * reached from any node and from other applications on the bus; cluster-wide facts reach every node's listeners.
 * Vigil's own HTTP API always asks its own node (see {@link Commands#request}).
 */
public final class Addresses {
  private Addresses() {}

  // ---- commands: tasks (QueueVerticle answers); cluster-wide so that other applications can submit ----------
  /** JsonObject task request -> JsonObject {task, replayed, inline}. Producer: HttpVerticle, other applications. */
  public static final Address<JsonObject> TASKS_SUBMIT = Address.cluster("vigil.tasks.submit", JsonObject.class);
  /** JsonObject {tasks:[...]} -> JsonObject {tasks:[{task, replayed, inline} | {error}]}. Producer: HttpVerticle, other applications. */
  public static final Address<JsonObject> TASKS_SUBMIT_BATCH = Address.cluster("vigil.tasks.submit.batch", JsonObject.class);
  /** JsonObject {id} -> JsonObject task. Producer: HttpVerticle. */
  public static final Address<JsonObject> TASKS_GET = Address.cluster("vigil.tasks.get", JsonObject.class);
  /** JsonObject {queue?, status?, limit} -> JsonObject {tasks:[...]}. Producer: HttpVerticle. */
  public static final Address<JsonObject> TASKS_LIST = Address.cluster("vigil.tasks.list", JsonObject.class);
  /** JsonObject {id, actor, reason?} -> JsonObject task. Producer: HttpVerticle. */
  public static final Address<JsonObject> TASKS_CANCEL = Address.cluster("vigil.tasks.cancel", JsonObject.class);

  // ---- commands: queues (QueueVerticle answers); cluster-wide ------------------------------------------------
  /** JsonObject {} -> JsonObject {queues:[stats...]}. Producer: HttpVerticle. */
  public static final Address<JsonObject> QUEUES_LIST = Address.cluster("vigil.queues.list", JsonObject.class);
  /** JsonObject {queue} -> JsonObject stats. Producer: HttpVerticle. */
  public static final Address<JsonObject> QUEUES_GET = Address.cluster("vigil.queues.get", JsonObject.class);
  /** JsonObject {queue, actor, reason?} -> JsonObject {queue, paused, changed}. Producer: HttpVerticle. */
  public static final Address<JsonObject> QUEUES_PAUSE = Address.cluster("vigil.queues.pause", JsonObject.class);
  /** JsonObject {queue, actor, reason?} -> JsonObject {queue, paused, changed}. Producer: HttpVerticle. */
  public static final Address<JsonObject> QUEUES_RESUME = Address.cluster("vigil.queues.resume", JsonObject.class);
  /** JsonObject {queue, limit} -> JsonObject {queue, limits, groups:[{group, waiting}]}, most waiting first. Producer: HttpVerticle. */
  public static final Address<JsonObject> QUEUES_GROUPS = Address.cluster("vigil.queues.groups", JsonObject.class);
  /** JsonObject {queue, limit} -> JsonObject {tasks:[...]}. Producer: HttpVerticle. */
  public static final Address<JsonObject> DEAD_LETTERS_LIST = Address.cluster("vigil.queues.deadletters.list", JsonObject.class);
  /** JsonObject {queue, ids:[] (empty = all), actor, reason?} -> JsonObject {replayed, ids}. Producer: HttpVerticle. */
  public static final Address<JsonObject> DEAD_LETTERS_REPLAY = Address.cluster("vigil.queues.deadletters.replay", JsonObject.class);
  /** JsonObject {queue, actor, reason?} -> JsonObject {purged}. Producer: HttpVerticle. */
  public static final Address<JsonObject> DEAD_LETTERS_PURGE = Address.cluster("vigil.queues.deadletters.purge", JsonObject.class);
  /** Node-local: JsonObject {} -> JsonObject {queues:[stats...]}, this node's part of the stream's snapshot. Producer: StreamVerticle. */
  public static final Address<JsonObject> QUEUES_SNAPSHOT = Address.node("vigil.queues.snapshot", JsonObject.class);
  /** Node-local: {} -> {backend, up, mode, consuming, accepting, running, finished} of this node. Askers: readiness, ClusterVerticle (load). */
  public static final Address<JsonObject> QUEUE_HEALTH = Address.node("vigil.queues.health", JsonObject.class);

  /** Prefix of the addresses external workers consume: {@code vigil.worker.<taskType>}. */
  public static final String WORKER_PREFIX = "vigil.worker.";

  /** Cluster-wide: a worker anywhere on the bus answers. Producer: the eventbus handler. */
  public static Address<JsonObject> worker(String taskType) {
    return Address.cluster(WORKER_PREFIX + taskType, JsonObject.class);
  }

  /**
   * Cluster-wide, published: {@code vigil.worker.<type>.cancel} carries {id, attempt, reason} when an attempt sent to
   * {@link #worker} should stop (an operator cancelled the task while it ran, or its timeout passed). A worker that
   * honours it stops that task's work and answers the original request as it likes (a cancelled task ends
   * {@code cancelled} whatever the answer; a timed-out one is retried). Producer: the eventbus handler.
   */
  public static Address<JsonObject> workerCancel(String taskType) {
    return Address.cluster(WORKER_PREFIX + taskType + ".cancel", JsonObject.class);
  }

  /**
   * Cluster-wide, published: JsonObject {id, actor, reason}: stop the task if it runs here. Producer: QueueVerticle
   * (a cancel of an active task). Consumers: every node's QueueVerticle; the node whose runner holds the task stops it.
   */
  public static final Address<JsonObject> TASK_CANCEL_RUNNING = Address.cluster("vigil.queue.task.cancel.running", JsonObject.class);

  // ---- commands: store reads (StoreVerticle answers); node-local: a node's API reads through its own store ----
  /** JsonObject {id} -> JsonObject task from history. Producer: HttpVerticle. */
  public static final Address<JsonObject> STORE_TASK_GET = Address.node("vigil.store.tasks.get", JsonObject.class);
  /** JsonObject {queue?, status?, limit} -> JsonObject {tasks:[...]}. Producer: HttpVerticle. */
  public static final Address<JsonObject> STORE_TASKS_LIST = Address.node("vigil.store.tasks.list", JsonObject.class);
  /** JsonObject {type?, severity?, component?, since?, until?, limit, cursor?} -> {events, next_cursor}. Producer: HttpVerticle. */
  public static final Address<JsonObject> STORE_EVENTS_LIST = Address.node("vigil.store.events.list", JsonObject.class);
  /** JsonObject {} -> JsonObject {backend, up, buffered, backpressure, written, refused, down_since, ...}. Producer: readiness. */
  public static final Address<JsonObject> STORE_HEALTH = Address.node("vigil.store.health", JsonObject.class);

  // ---- commands: system mode (ControlVerticle answers); node-local ------------------------------------------
  /**
   * JsonObject {} -> JsonObject {mode, configured, fallback, fallback_active, backend_lost, accepting_work, changed_at,
   * changed_by, reason, persisted} of this node. Producer: HttpVerticle, QueueVerticle (at start).
   */
  public static final Address<JsonObject> SYSTEM_MODE_GET = Address.node("vigil.system.mode.get", JsonObject.class);
  /**
   * JsonObject {mode, actor, reason} -> the same as get, plus {changed, previous}. Taken by this node's
   * ControlVerticle, which tells every node through {@link #SYSTEM_MODE_CHANGED}. Producer: HttpVerticle.
   */
  public static final Address<JsonObject> SYSTEM_MODE_SET = Address.node("vigil.system.mode.set", JsonObject.class);

  /** Node-local: JsonObject {} -> JsonObject {mode: (as get)}, the stream snapshot's part. Producer: StreamVerticle. */
  public static final Address<JsonObject> SYSTEM_SNAPSHOT = Address.node("vigil.system.snapshot", JsonObject.class);

  // ---- commands: circuit breakers (BreakerVerticle in kit answers); node-local: this node's breakers ----------
  /**
   * JsonObject {} -> JsonObject {breakers:[{name, state, forced, failure_rate, calls, ..., last_transition}]}: every
   * breaker of this node's registry, whichever verticle uses it. Producer: HttpVerticle ({@code GET /api/breakers}).
   */
  public static final Address<JsonObject> BREAKERS_LIST = Address.node("vigil.breakers.list", JsonObject.class);
  /** JsonObject {} -> JsonObject {breakers:[... as list]}, the stream snapshot's part. Producer: StreamVerticle. */
  public static final Address<JsonObject> BREAKERS_SNAPSHOT = Address.node("vigil.breakers.snapshot", JsonObject.class);
  /**
   * JsonObject {name, action: open|close|reset, actor} -> JsonObject {the breaker, as listed}: forces this node's
   * breaker open or closed, or resets it (closed, forced state released); with shared state the other nodes follow.
   * 404 when this node has no breaker of that name. Producer: HttpVerticle ({@code POST /api/breakers/{name}/..}).
   */
  public static final Address<JsonObject> BREAKERS_CONTROL = Address.node("vigil.breakers.control", JsonObject.class);

  // ---- commands: configuration (ConfigVerticle answers; docs/architecture.md section 9); node-local ------------
  /**
   * JsonObject {actor, everywhere?} -> JsonObject {node, source, trigger, at, changed, applied, restart_required,
   * sections}: this node re-reads its own file now; an invalid file fails 422 listing every problem and the running
   * config stays. With {@code everywhere: true} it then publishes {@link #CONFIG_RELOAD_REQUESTED}. Producer:
   * HttpVerticle ({@code POST /api/config/reload}).
   */
  public static final Address<JsonObject> CONFIG_RELOAD = Address.node("vigil.config.reload", JsonObject.class);
  /**
   * JsonObject {} -> JsonObject {node, source, watching, settings (secrets masked), pending_restart, last_reload} of
   * this node. Producer: HttpVerticle ({@code GET /api/config}).
   */
  public static final Address<JsonObject> CONFIG_GET = Address.node("vigil.config.get", JsonObject.class);

  // ---- commands: the live stream (StreamVerticle answers); node-local: stream ids are per node ---------------
  /** JsonObject {after} -> JsonObject {events:[{id, name, data}...], missed}. Producer: HttpVerticle (Last-Event-ID). */
  public static final Address<JsonObject> STREAM_SINCE = Address.node("vigil.stream.since", JsonObject.class);
  /**
   * JsonObject {node, name, data}: a node-local fact one node streams (breakers, its backend, its fallback...), handed
   * to every other node's stream, marked with its node. Producer and consumer: StreamVerticle.
   */
  public static final Address<JsonObject> STREAM_PEER = Address.cluster("vigil.stream.peer", JsonObject.class);
  /**
   * JsonObject {} -> JsonObject: the replies of every registered {@code vigil.<capability>.snapshot} merged, plus
   * {unavailable: [address...]} for those that did not answer. Producer: HttpVerticle (on connect).
   */
  public static final Address<JsonObject> STREAM_SNAPSHOT = Address.node("vigil.stream.snapshot", JsonObject.class);

  // ---- commands: the cluster (ClusterVerticle answers); node-local: this node's view -------------------------
  /** JsonObject {} -> JsonObject {node, clustered, leader: {node, since} | null, nodes: [...]}. Producer: HttpVerticle. */
  public static final Address<JsonObject> CLUSTER_GET = Address.node("vigil.cluster.get", JsonObject.class);

  // ---- commands: alarms (the leader's AlarmVerticle answers) ----------------------------------------------------
  // Cluster-wide: the engine runs on the leading node only, so every node's API (and the stream's snapshot) asks
  // wherever it is bound. While no node leads yet they fail NO_HANDLERS, which the API answers with 503 + Retry-After.
  /** JsonObject {states?: [..], severity?, rule?, limit} -> JsonObject {alarms:[alarm...]}, newest first. Producer: HttpVerticle. */
  public static final Address<JsonObject> ALARMS_LIST = Address.cluster("vigil.alarms.list", JsonObject.class);
  /** JsonObject {id, limit?} -> JsonObject {alarm, timeline:[entry...], notifications:[message...]}. Producer: HttpVerticle. */
  public static final Address<JsonObject> ALARMS_GET = Address.cluster("vigil.alarms.get", JsonObject.class);
  /** JsonObject {id, actor, comment} -> JsonObject alarm; 404 unknown, 409 not firing. Producer: HttpVerticle (operator). */
  public static final Address<JsonObject> ALARMS_ACK = Address.cluster("vigil.alarms.ack", JsonObject.class);
  /** JsonObject {id, actor, comment} -> JsonObject alarm; 404 unknown or not open. Producer: HttpVerticle (operator). */
  public static final Address<JsonObject> ALARMS_RESOLVE = Address.cluster("vigil.alarms.resolve", JsonObject.class);
  /** JsonObject {all?, limit} -> JsonObject {silences:[...]}: active and pending ones (with all: ended too). Producer: HttpVerticle. */
  public static final Address<JsonObject> SILENCES_LIST = Address.cluster("vigil.alarms.silences.list", JsonObject.class);
  /** JsonObject {matchers, starts_at?, ends_at | duration_ms, comment, actor} -> JsonObject silence. Producer: HttpVerticle (operator). */
  public static final Address<JsonObject> SILENCES_CREATE = Address.cluster("vigil.alarms.silences.create", JsonObject.class);
  /** JsonObject {id, actor} -> JsonObject silence (ended now). Producer: HttpVerticle (operator). */
  public static final Address<JsonObject> SILENCES_EXPIRE = Address.cluster("vigil.alarms.silences.expire", JsonObject.class);
  /** JsonObject {} -> JsonObject {rules:[rule...], routes}. Producer: HttpVerticle. */
  public static final Address<JsonObject> RULES_LIST = Address.cluster("vigil.alarms.rules.list", JsonObject.class);
  /** JsonObject rule (as in the config, or {name} of a configured one) -> JsonObject {rule, at, matched:[verdict...]}. Producer: HttpVerticle. */
  public static final Address<JsonObject> RULES_TEST = Address.cluster("vigil.alarms.rules.test", JsonObject.class);
  /** JsonObject {} -> JsonObject {alarms:[open alarm...]}, the stream snapshot's part, from the leader. Producer: StreamVerticle. */
  public static final Address<JsonObject> ALARMS_SNAPSHOT = Address.cluster("vigil.alarms.snapshot", JsonObject.class);

  // ---- commands: schedules (the leader's SchedulerVerticle answers); cluster-wide, bound by the leader only ------
  /** JsonObject {} -> JsonObject {schedules:[schedule...]} with next run times. Producer: HttpVerticle. */
  public static final Address<JsonObject> SCHEDULES_LIST = Address.cluster("vigil.schedules.list", JsonObject.class);
  /** JsonObject {id} -> JsonObject schedule. Producer: HttpVerticle. */
  public static final Address<JsonObject> SCHEDULES_GET = Address.cluster("vigil.schedules.get", JsonObject.class);
  /** JsonObject {schedule: {id, task, cron|every, ...}, actor} -> JsonObject {schedule, replaced}. Producer: HttpVerticle. */
  public static final Address<JsonObject> SCHEDULES_SAVE = Address.cluster("vigil.schedules.save", JsonObject.class);
  /** JsonObject {id, actor} -> JsonObject {id, deleted}. Producer: HttpVerticle. */
  public static final Address<JsonObject> SCHEDULES_DELETE = Address.cluster("vigil.schedules.delete", JsonObject.class);

  // ---- commands: notifications (this node's NotifyVerticle answers from its outbox store) ---------------------
  /** Node-local: JsonObject {channel?, status?, alarm?, limit} -> JsonObject {notifications:[message...]}. Producer: HttpVerticle. */
  public static final Address<JsonObject> NOTIFICATIONS_LIST = Address.node("vigil.notifications.list", JsonObject.class);
  /** Node-local: JsonObject {} -> JsonObject {notifications: {channels:[...], recent:[...]}}, the stream snapshot's part. */
  public static final Address<JsonObject> NOTIFICATIONS_SNAPSHOT = Address.node("vigil.notifications.snapshot", JsonObject.class);

  // ---- facts: node-local records (local codec, no copy) ------------------------------------------------------
  /** QueueStatsUpdated, once per stats interval. Producer: QueueVerticle. Consumers: StreamVerticle. */
  public static final Address<QueueStatsUpdated> QUEUE_STATS_UPDATED = Address.node("vigil.queue.stats.updated", QueueStatsUpdated.class);
  /** FinishedTasks, one per settled batch. Producer: QueueVerticle. Consumers: StoreVerticle (history). */
  public static final Address<FinishedTasks> QUEUE_TASKS_FINISHED = Address.node("vigil.queue.tasks.finished", FinishedTasks.class);
  /** StreamedEvent: a streamed fact with this node's stream id. Producer: StreamVerticle. Consumers: SSE connections. */
  public static final Address<StreamedEvent> STREAM_EVENT = Address.node("vigil.stream.event", StreamedEvent.class);

  // ---- facts: the queue (typed records from domain/fact) ----------------------------------------------------
  /** Cluster-wide. Producer: QueueVerticle. Consumers: stream, store (audit). */
  public static final Address<TaskDeadLettered> QUEUE_TASK_DEAD_LETTERED = Address.cluster("vigil.queue.task.deadlettered", TaskDeadLettered.class);
  /** Cluster-wide. An operator's cancel. Producer: QueueVerticle. Consumers: stream, store. */
  public static final Address<TaskCancelled> QUEUE_TASK_CANCELLED = Address.cluster("vigil.queue.task.cancelled", TaskCancelled.class);
  /** Cluster-wide. queue.paused / queue.resumed. Producer: QueueVerticle. Consumers: stream, store. */
  public static final Address<QueueStateChanged> QUEUE_STATE_CHANGED = Address.cluster("vigil.queue.state.changed", QueueStateChanged.class);
  /** Cluster-wide. An operator's replay. Producer: QueueVerticle. Consumers: stream, store. */
  public static final Address<DeadLettersReplayed> QUEUE_DEAD_LETTERS_REPLAYED = Address.cluster("vigil.queue.deadletters.replayed", DeadLettersReplayed.class);
  /** Cluster-wide. An operator's purge. Producer: QueueVerticle. Consumers: stream, store. */
  public static final Address<DeadLettersPurged> QUEUE_DEAD_LETTERS_PURGED = Address.cluster("vigil.queue.deadletters.purged", DeadLettersPurged.class);
  /** Cluster-wide. Settlements refused because the lease was lost. Producer: QueueVerticle. Consumers: stream, store. */
  public static final Address<LeaseRefused> QUEUE_LEASE_REFUSED = Address.cluster("vigil.queue.lease.refused", LeaseRefused.class);
  /**
   * Node-local: each node judges its own connection, and a peer's loss must not switch this node's mode (critical).
   * Producer: QueueVerticle. Consumers: ControlVerticle, stream, store.
   */
  public static final Address<BackendLost> QUEUE_BACKEND_LOST = Address.node("vigil.queue.backend.lost", BackendLost.class);
  /** Node-local. Producer: QueueVerticle. Consumers: ControlVerticle, stream, store. */
  public static final Address<BackendRestored> QUEUE_BACKEND_RESTORED = Address.node("vigil.queue.backend.restored", BackendRestored.class);

  // ---- facts: the system mode --------------------------------------------------------------------------------
  /**
   * Cluster-wide: an operator's switch, which every node applies. Producer: the ControlVerticle that took the
   * command. Consumers: every node's ControlVerticle and QueueVerticle, stream, store.
   */
  public static final Address<ModeChanged> SYSTEM_MODE_CHANGED = Address.cluster("vigil.system.mode.changed", ModeChanged.class);
  /**
   * Node-local: this node switched to or back from its fallback because it lost or got back the queue backend
   * (the same {@code system.mode.changed} in the stream and the audit log). Producer: ControlVerticle. Consumers:
   * stream, store.
   */
  public static final Address<ModeChanged> SYSTEM_FALLBACK_CHANGED = Address.node("vigil.system.fallback.changed", ModeChanged.class);

  // ---- facts: the store --------------------------------------------------------------------------------------
  /** Cluster-wide (critical). Producer: StoreVerticle. Consumers: stream, store (audit, written once it is back). */
  public static final Address<StoreUnavailable> STORE_UNAVAILABLE = Address.cluster("vigil.store.unavailable", StoreUnavailable.class);
  /** Cluster-wide (critical): rows are being refused. Producer: StoreVerticle. Consumers: stream, store. */
  public static final Address<StoreOverflowed> STORE_OVERFLOWED = Address.cluster("vigil.store.overflowed", StoreOverflowed.class);
  /** Cluster-wide. Producer: StoreVerticle. Consumers: stream, store. */
  public static final Address<StoreRestored> STORE_RESTORED = Address.cluster("vigil.store.restored", StoreRestored.class);
  /**
   * Node-local: this node's writer pauses this node's consumers. store.backpressure.on / .off. Producer:
   * StoreVerticle. Consumers: QueueVerticle (pauses claiming), stream, store.
   */
  public static final Address<StoreBackpressureChanged> STORE_BACKPRESSURE_CHANGED = Address.node("vigil.store.backpressure.changed", StoreBackpressureChanged.class);

  // ---- facts: config and cluster -----------------------------------------------------------------------------
  /** Cluster-wide. Producer: any ConfigCache.put. Consumers: every ConfigCache, store (audit). */
  public static final Address<ConfigChanged> CONFIG_CHANGED = Address.cluster("vigil.config.changed", ConfigChanged.class);
  /**
   * Cluster-wide: a node became the leader or stopped being it (published by that node). Producer: ClusterVerticle.
   * Consumers: the app's leader-only deployments (its own node's facts only), stream, store.
   */
  public static final Address<LeaderChanged> CLUSTER_LEADER_CHANGED = Address.cluster("vigil.cluster.leader.changed", LeaderChanged.class);
  /**
   * JsonObject {node, at, tasks_per_s, running, event_loop_lag_ms, cpu_cores?, cpu_share?}: a node's load, every
   * {@code cluster.load_interval_ms}. Producer: ClusterVerticle. Consumers: every node's ClusterVerticle (for
   * {@code vigil.cluster.get}) and stream.
   */
  public static final Address<JsonObject> CLUSTER_NODE_LOAD = Address.cluster("vigil.cluster.node.load", JsonObject.class);
  /**
   * Node-local, JsonObject {nodes}: how many Vigil nodes run in the cluster (this one and those whose load reports
   * it hears, while they are members; workers are not counted), when that changed. Producer: ClusterVerticle.
   * Consumer: QueueVerticle (its idle queues share the polling with the other nodes).
   */
  public static final Address<JsonObject> CLUSTER_NODES_COUNTED = Address.node("vigil.cluster.nodes.counted", JsonObject.class);

  // ---- facts: configuration reloads --------------------------------------------------------------------------
  /**
   * Cluster-wide: an operator asked every node to re-read its own file. Producer: the ConfigVerticle that took the
   * reload (with {@code everywhere}). Consumers: every other node's ConfigVerticle (the asking node ignores its own).
   */
  public static final Address<ConfigReloadRequested> CONFIG_RELOAD_REQUESTED = Address.cluster("vigil.config.reload.requested", ConfigReloadRequested.class);
  /**
   * Node-local, local codec: this node now runs a reloaded configuration; a verticle that owns a live section re-reads
   * its slice when {@code changes.touches(..)} its sections. Producer: ConfigVerticle. Consumers: QueueVerticle (queues,
   * task types); next: probes (components), alarms, notifications, recovery, schedules.
   */
  public static final Address<ConfigApplied> CONFIG_APPLIED = Address.node("vigil.config.applied", ConfigApplied.class);
  /**
   * Cluster-wide: a node applied a reload (what was applied, what waits for a restart); every node's audit log and
   * stream see every node's reloads. Producer: ConfigVerticle. Consumers: stream, store (audit).
   */
  public static final Address<ConfigReloaded> CONFIG_RELOADED = Address.cluster("vigil.config.reloaded", ConfigReloaded.class);
  /**
   * Cluster-wide (warning): a node refused a changed file or a reload request, with every problem; its running config
   * stays. Producer: ConfigVerticle. Consumers: stream, store (audit).
   */
  public static final Address<ConfigReloadFailed> CONFIG_RELOAD_FAILED = Address.cluster("vigil.config.reload.failed", ConfigReloadFailed.class);

  // ---- probes and components (ProbeVerticle answers; it runs on the leading node only) ----------------------
  // Cluster-wide commands: every node's API asks them (BusClient.requestScoped) and only the leader has a consumer;
  // while no node leads they fail NO_HANDLERS (the API answers 503). docs/architecture.md section 10 says why.
  /**
   * JsonObject {uptime?: true} -> JsonObject {components:[{id, name, kind, critical, status, since, latency_ms,
   * last_check, consecutive_failures, consecutive_successes, last_error, suggested_action, auto_recoverable,
   * depends_on, uptime: {1h, 24h, 7d, 30d}, figures...}], at}. Producer: HttpVerticle (API, readiness, status line).
   */
  public static final Address<JsonObject> COMPONENTS_LIST = Address.cluster("vigil.components.list", JsonObject.class);
  /** JsonObject {id} -> JsonObject component + {recent:[result...], latency_history:[minute...]}. Producer: HttpVerticle. */
  public static final Address<JsonObject> COMPONENTS_GET = Address.cluster("vigil.components.get", JsonObject.class);
  /** JsonObject {id, window: 1h|24h|7d|30d|90m|12h|3d} -> JsonObject {component, window, from, to, checks, failures, ratio}. */
  public static final Address<JsonObject> COMPONENTS_UPTIME = Address.cluster("vigil.components.uptime", JsonObject.class);
  /** JsonObject {id?, actor} -> JsonObject {results:[result...]}: checks one (or every) component now. Producer: HttpVerticle. */
  public static final Address<JsonObject> PROBES_RUN = Address.cluster("vigil.probes.run", JsonObject.class);
  /** JsonObject {} -> JsonObject {checks, failed, success_rate, by_component:[...], schedule:{lateness...}}. */
  public static final Address<JsonObject> PROBES_STATS = Address.cluster("vigil.probes.stats", JsonObject.class);
  /**
   * JsonObject {} -> JsonObject {components:[...]}: the probes' part of the stream snapshot. Cluster-wide, unlike
   * the other snapshot parts: only the leader runs the probes, and every node's stream shows them.
   */
  public static final Address<JsonObject> PROBE_SNAPSHOT = Address.cluster("vigil.probe.snapshot", JsonObject.class);
  /**
   * Cluster-wide fact: ProbeResults, the results of the last 250 ms in one message (JSON on the wire), so a thousand
   * probes a second make a few messages. Producer: ProbeVerticle. Consumers: the stream (ephemeral); next: alarms.
   */
  public static final Address<ProbeResults> PROBE_RESULT_RECORDED = Address.cluster("vigil.probe.result.recorded", ProbeResults.class);
  /**
   * Cluster-wide fact: a component's status changed (with previous status, error and streaks). Producer:
   * ProbeVerticle. Consumers: stream, store (audit); next: alarms (suppression by depends_on), recovery.
   */
  public static final Address<ComponentStatusChanged> PROBE_STATUS_CHANGED = Address.cluster("vigil.probe.status.changed", ComponentStatusChanged.class);

  // ---- facts: circuit breakers -------------------------------------------------------------------------------
  /**
   * Node-local: a breaker of this node's registry changed state (breakers are per node; a peer's open breaker says
   * nothing about this node's calls). Producer: BreakerVerticle, for every breaker. Consumers: stream, store (audit);
   * next: metrics, alarms (breaker open), recovery.
   */
  public static final Address<BreakerStateChanged> BREAKER_STATE_CHANGED = Address.node("vigil.breaker.state.changed", BreakerStateChanged.class);
  /**
   * Node-local: a task was answered degraded (its target's breaker was open; a fallback handler or a cached result
   * answered). Producer: the degrading handler in the queue verticle. Consumers: stream.
   */
  public static final Address<TaskDegraded> TASK_DEGRADED = Address.node("vigil.task.degraded", TaskDegraded.class);

  // ---- facts: alarms and notifications ------------------------------------------------------------------------
  /**
   * Cluster-wide: an alarm moved (pending, firing, acknowledged, resolved) or was silenced / suppressed. Producer: the
   * leader's AlarmVerticle, as it decides (before its store write). Consumers: stream, store (audit); next: recovery
   * (a firing alarm whose rule names a plan), the dashboard.
   */
  public static final Address<AlarmStateChanged> ALARM_STATE_CHANGED = Address.cluster("vigil.alarm.state.changed", AlarmStateChanged.class);
  /**
   * Cluster-wide: one delivery attempt ended (sent, retrying, given up). Producer: the NotifyVerticle of the node that
   * made it. Consumers: AlarmVerticle (notify.failures per channel), stream, store (audit).
   */
  public static final Address<DeliveryRecorded> NOTIFY_DELIVERY_RECORDED = Address.cluster("vigil.notify.delivery.recorded", DeliveryRecorded.class);
  /**
   * Cluster-wide wake-up, JsonObject {channels:[..]}: rows were added to the outbox; every NotifyVerticle claims at
   * once instead of at its next poll. Producer: AlarmVerticle, NotifyVerticle. Consumers: every NotifyVerticle.
   */
  public static final Address<JsonObject> NOTIFY_OUTBOX_QUEUED = Address.cluster("vigil.notify.outbox.queued", JsonObject.class);

  // ---- recovery (issue 17; RecoveryVerticle runs on the leading node only) -----------------------------------
  /**
   * Node-local, JsonObject {action: reconnect | reap | drain, queue?, older_than_ms?, max?, actor} ->
   * {reconnected} | {reaped} | {drained, ids}: the queue-side recovery actions, done by this node's QueueVerticle.
   * Producer: the recovery verticle.
   */
  public static final Address<JsonObject> QUEUES_RECOVER = Address.node("vigil.queues.recover", JsonObject.class);
  /**
   * Cluster-wide, bound by the leader's RecoveryVerticle: JsonObject {component, actor, reason?} -> {component,
   * run_id, state} (202 when started; 409 while a run is under way, cooling down or out of budget). Producer: HTTP.
   */
  public static final Address<JsonObject> RECOVERY_RUN = Address.cluster("vigil.recovery.run", JsonObject.class);
  /** Cluster-wide, leader: JsonObject {component?, success?, limit?} -> {attempts:[...]}. Producer: HTTP. */
  public static final Address<JsonObject> RECOVERY_ATTEMPTS = Address.cluster("vigil.recovery.attempts", JsonObject.class);
  /** Cluster-wide, leader: JsonObject {since?} -> the recovery statistics. Producer: HTTP. */
  public static final Address<JsonObject> RECOVERY_STATS = Address.cluster("vigil.recovery.stats", JsonObject.class);
  /** Cluster-wide, leader: JsonObject {} -> {running:[...], on_secondary:[...]}: the recovery part of the stream snapshot. */
  public static final Address<JsonObject> RECOVERY_SNAPSHOT = Address.cluster("vigil.recovery.snapshot", JsonObject.class);
  /**
   * Cluster-wide, leader: JsonObject {} -> {failovers:[{component, target, probe, task_types}]}: the failovers in
   * force, answered once the stored ones were resumed. Producer: ProbeVerticle as it starts (it deploys after the
   * recovery verticle and would miss the re-announcement).
   */
  public static final Address<JsonObject> RECOVERY_FAILOVERS = Address.cluster("vigil.recovery.failovers", JsonObject.class);
  /** Cluster-wide fact: one recovery attempt ended. Producer: RecoveryVerticle. Consumers: stream, store (audit). */
  public static final Address<RecoveryAttemptFinished> RECOVERY_ATTEMPT_FINISHED = Address.cluster("vigil.recovery.attempt.finished", RecoveryAttemptFinished.class);
  /**
   * Cluster-wide fact: a plan run started or ended. Producer: RecoveryVerticle. Consumers: ProbeVerticle (a component
   * "being recovered"), stream, store (audit).
   */
  public static final Address<RecoveryRunChanged> RECOVERY_RUN_CHANGED = Address.cluster("vigil.recovery.run.changed", RecoveryRunChanged.class);
  /**
   * Cluster-wide fact: recovery gave up on a component (or it answers again after that). Producer: RecoveryVerticle.
   * Consumers: AlarmVerticle (series recovery.exhausted), stream, store (audit).
   */
  public static final Address<RecoveryEscalated> RECOVERY_ESCALATED = Address.cluster("vigil.recovery.escalated", RecoveryEscalated.class);
  /**
   * Cluster-wide fact: a failover switched a component's targets to its secondary or back. Producer: RecoveryVerticle.
   * Consumers: ProbeVerticle (the component's http probe), every QueueVerticle (http task types), stream, store.
   */
  public static final Address<TargetSwitched> RECOVERY_TARGET_SWITCHED = Address.cluster("vigil.recovery.target.switched", TargetSwitched.class);
  /** Cluster-wide. An operator created, replaced or deleted a schedule. Producer: SchedulerVerticle. Consumers: stream, store. */
  public static final Address<ScheduleChanged> SCHEDULE_CHANGED = Address.cluster("vigil.schedule.changed", ScheduleChanged.class);

  /** Every fact the store keeps in the audit log (the live stream takes its own registrations). */
  public static final List<Address<? extends Fact>> AUDITED = List.of(
      QUEUE_TASK_DEAD_LETTERED, QUEUE_TASK_CANCELLED, QUEUE_STATE_CHANGED, QUEUE_DEAD_LETTERS_REPLAYED,
      QUEUE_DEAD_LETTERS_PURGED, QUEUE_LEASE_REFUSED, QUEUE_BACKEND_LOST, QUEUE_BACKEND_RESTORED, SYSTEM_MODE_CHANGED,
      SYSTEM_FALLBACK_CHANGED, STORE_UNAVAILABLE, STORE_OVERFLOWED, STORE_RESTORED, STORE_BACKPRESSURE_CHANGED,
      CONFIG_CHANGED, CONFIG_RELOADED, CONFIG_RELOAD_FAILED, CLUSTER_LEADER_CHANGED, BREAKER_STATE_CHANGED,
      PROBE_STATUS_CHANGED, ALARM_STATE_CHANGED, NOTIFY_DELIVERY_RECORDED,
      RECOVERY_ATTEMPT_FINISHED, RECOVERY_RUN_CHANGED, RECOVERY_ESCALATED, RECOVERY_TARGET_SWITCHED, SCHEDULE_CHANGED);
}
