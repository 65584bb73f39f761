package io.vigil.bus;

/**
 * Every event-bus address Vigil uses, with the record it carries, who sends it and who listens.
 * Facts are published in the past tense; commands are request/reply in the imperative and always fail with a
 * {@link Failure} (status code + problem JSON). Everything under {@code vigil.} that the live stream may show is in
 * {@link #STREAMED}.
 */
public final class Addresses {
  private Addresses() {}

  // ---- commands: tasks (QueueVerticle answers) ----------------------------------------------------------
  /** JsonObject task request -> JsonObject {task, replayed, inline}. Producer: HttpVerticle, other applications. */
  public static final String TASKS_SUBMIT = "vigil.tasks.submit";
  /** JsonObject {tasks:[...]} -> JsonObject {tasks:[{task, replayed, inline} | {error}]}. Producer: HttpVerticle, other applications. */
  public static final String TASKS_SUBMIT_BATCH = "vigil.tasks.submit.batch";
  /** JsonObject {id} -> JsonObject task. Producer: HttpVerticle. */
  public static final String TASKS_GET = "vigil.tasks.get";
  /** JsonObject {queue?, status?, limit} -> JsonObject {tasks:[...]}. Producer: HttpVerticle. */
  public static final String TASKS_LIST = "vigil.tasks.list";
  /** JsonObject {id, actor, reason?} -> JsonObject task. Producer: HttpVerticle. */
  public static final String TASKS_CANCEL = "vigil.tasks.cancel";

  // ---- commands: queues (QueueVerticle answers) ---------------------------------------------------------
  /** JsonObject {} -> JsonObject {queues:[stats...]}. Producer: HttpVerticle, StreamVerticle (snapshot). */
  public static final String QUEUES_LIST = "vigil.queues.list";
  /** JsonObject {queue} -> JsonObject stats. Producer: HttpVerticle. */
  public static final String QUEUES_GET = "vigil.queues.get";
  /** JsonObject {queue, actor, reason?} -> JsonObject {queue, paused, changed}. Producer: HttpVerticle. */
  public static final String QUEUES_PAUSE = "vigil.queues.pause";
  /** JsonObject {queue, actor, reason?} -> JsonObject {queue, paused, changed}. Producer: HttpVerticle. */
  public static final String QUEUES_RESUME = "vigil.queues.resume";
  /** JsonObject {queue, limit} -> JsonObject {tasks:[...]}. Producer: HttpVerticle. */
  public static final String DEAD_LETTERS_LIST = "vigil.queues.deadletters.list";
  /** JsonObject {queue, ids:[] (empty = all), actor, reason?} -> JsonObject {replayed, ids}. Producer: HttpVerticle. */
  public static final String DEAD_LETTERS_REPLAY = "vigil.queues.deadletters.replay";
  /** JsonObject {queue, actor, reason?} -> JsonObject {purged}. Producer: HttpVerticle. */
  public static final String DEAD_LETTERS_PURGE = "vigil.queues.deadletters.purge";
  /** JsonObject {} -> JsonObject {backend, up, mode, consuming, accepting}. Producer: HttpVerticle (readiness). */
  public static final String QUEUE_HEALTH = "vigil.queues.health";

  /** Prefix of the addresses external workers consume: {@code vigil.worker.<taskType>}. Producer: eventbus handler. */
  public static final String WORKER_PREFIX = "vigil.worker.";

  public static String worker(String taskType) {
    return WORKER_PREFIX + taskType;
  }

  // ---- commands: store reads (StoreVerticle answers) ----------------------------------------------------
  /** JsonObject {id} -> JsonObject task from history. Producer: HttpVerticle. */
  public static final String STORE_TASK_GET = "vigil.store.tasks.get";
  /** JsonObject {queue?, status?, limit} -> JsonObject {tasks:[...]}. Producer: HttpVerticle. */
  public static final String STORE_TASKS_LIST = "vigil.store.tasks.list";
  /** JsonObject {type?, severity?, component?, since?, until?, limit, cursor?} -> {events, next_cursor}. Producer: HttpVerticle. */
  public static final String STORE_EVENTS_LIST = "vigil.store.events.list";
  /** JsonObject {} -> JsonObject {backend, up, buffered, backpressure, written, refused, down_since, ...}. Producer: HttpVerticle (readiness). */
  public static final String STORE_HEALTH = "vigil.store.health";

  // ---- commands: system mode and config (ControlVerticle answers) ---------------------------------------
  /**
   * JsonObject {} -> JsonObject {mode, configured, fallback, fallback_active, backend_lost, accepting_work, changed_at,
   * changed_by, reason, persisted}. Producer: HttpVerticle, QueueVerticle (at start). Answers: ControlVerticle.
   */
  public static final String SYSTEM_MODE_GET = "vigil.system.mode.get";
  /** JsonObject {mode, actor, reason} -> the same as get, plus {changed, previous}. Producer: HttpVerticle. */
  public static final String SYSTEM_MODE_SET = "vigil.system.mode.set";

  // ---- commands: circuit breakers (BreakerVerticle in kit answers) --------------------------------------
  /**
   * JsonObject {} -> JsonObject {breakers:[{name, state, forced, failure_rate, calls, ..., last_transition}]}.
   * Node-local (bound with a local consumer): this node's breakers, whoever uses them. Producer: HttpVerticle.
   */
  public static final String BREAKERS_LIST = "vigil.breakers.list";

  // ---- configuration (ConfigVerticle answers and publishes; docs/architecture.md section 8) ----------------
  /**
   * Node-local command. JsonObject {actor, everywhere?} -> JsonObject {node, source, changed, applied,
   * restart_required, sections}: this node re-reads its own file now; an invalid file fails 422 listing every
   * problem and the running config stays. With {@code everywhere: true} it also publishes
   * {@link #CONFIG_RELOAD_REQUESTED}. Producer: HttpVerticle ({@code POST /api/config/reload}).
   */
  public static final String CONFIG_RELOAD = "vigil.config.reload";
  /** Node-local command. JsonObject {} -> JsonObject {source, settings (secrets masked), pending_restart, last_reload, components}. Producer: HttpVerticle. */
  public static final String CONFIG_GET = "vigil.config.get";
  /**
   * Cluster-wide fact. JsonObject {node, actor}: an operator asked every node to re-read its own file. Producer:
   * ConfigVerticle (after a reload asked for everywhere). Consumers: every other node's ConfigVerticle.
   */
  public static final String CONFIG_RELOAD_REQUESTED = "vigil.config.reload.requested";
  /**
   * Node-local fact, local codec. ConfigApplied {config, changes}: this node now runs a reloaded configuration; a
   * verticle that owns a live section re-reads its slice when the changes touch it. Producer: ConfigVerticle.
   * Consumers: QueueVerticle (queues, task types); next: probes (components), alarms, notifications, recovery,
   * schedules.
   */
  public static final String CONFIG_APPLIED = "vigil.config.applied";
  /**
   * Cluster-wide fact. Event config.reloaded; details {node, trigger, applied, restart_required, sections}. Every
   * node's audit log and stream see every node's reloads. Producer: ConfigVerticle. Consumers: stream, store (audit).
   */
  public static final String CONFIG_RELOADED = "vigil.config.reloaded";
  /**
   * Cluster-wide fact. Event config.reload.failed (warning); details {node, trigger, problems}: a changed file or a
   * reload request was refused and the running config stays. Producer: ConfigVerticle. Consumers: stream, store.
   */
  public static final String CONFIG_RELOAD_FAILED = "vigil.config.reload.failed";

  // ---- probes and components (ProbeVerticle answers; it runs on the leading node only) -------------------
  // Cluster-wide commands: every node's API asks them, and only the leader has a consumer. While no node leads
  // they fail NO_HANDLERS (the API answers 503). docs/architecture.md section 10 says why reads go to the leader.
  /**
   * Cluster-wide command. JsonObject {uptime?: true} -> JsonObject {components:[{id, name, kind, critical, status,
   * since, latency_ms, last_check, consecutive_failures, consecutive_successes, last_error, suggested_action,
   * auto_recoverable, depends_on, uptime: {1h, 24h, 7d, 30d}, figures...}], at}. Producer: HttpVerticle (API,
   * readiness, status line).
   */
  public static final String COMPONENTS_LIST = "vigil.components.list";
  /** Cluster-wide command. JsonObject {id} -> JsonObject component + {recent:[result...], latency_history:[minute...]}. */
  public static final String COMPONENTS_GET = "vigil.components.get";
  /** Cluster-wide command. JsonObject {id, window: "1h"|"24h"|"7d"|"30d"|<ms>} -> JsonObject {component, window, from, to, checks, failures, ratio}. */
  public static final String COMPONENTS_UPTIME = "vigil.components.uptime";
  /** Cluster-wide command. JsonObject {id?, actor} -> JsonObject {results:[result...]}: checks one (or every) component now. */
  public static final String PROBES_RUN = "vigil.probes.run";
  /** Cluster-wide command. JsonObject {} -> JsonObject {checks, failed, success_rate, by_component:[...], schedule:{...}}. */
  public static final String PROBES_STATS = "vigil.probes.stats";
  /** Cluster-wide command. JsonObject {} -> JsonObject {components:[...]}: the probes' part of the stream snapshot. */
  public static final String PROBE_SNAPSHOT = "vigil.probe.snapshot";
  /**
   * Cluster-wide fact. ProbeResults (local codec in the node, JSON on the wire): the results of the last few hundred
   * ms, batched so a thousand probes a second make a few messages. Producer: ProbeVerticle. Consumers: alarms (next),
   * the stream.
   */
  public static final String PROBE_RESULT_RECORDED = "vigil.probe.result.recorded";
  /**
   * Cluster-wide fact. Event component.status.changed; details {component, name, kind, critical, status, previous,
   * previous_since, error, consecutive_failures, consecutive_successes, suggested_action, depends_on,
   * auto_recoverable}. Producer: ProbeVerticle. Consumers: stream, store (audit); next: alarms, recovery.
   */
  public static final String PROBE_STATUS_CHANGED = "vigil.probe.status.changed";

  // ---- commands: the live stream (StreamVerticle answers) -----------------------------------------------
  /** JsonObject {after} -> JsonObject {events:[{id, name, data}...], missed}. Producer: HttpVerticle (Last-Event-ID). */
  public static final String STREAM_SINCE = "vigil.stream.since";

  // ---- facts --------------------------------------------------------------------------------------------
  /** QueueStatsUpdated, local, once per stats interval. Producer: QueueVerticle. Consumers: StreamVerticle. */
  public static final String QUEUE_STATS_UPDATED = "vigil.queue.stats.updated";
  /** FinishedTasks, local, one per settled batch. Producer: QueueVerticle. Consumers: StoreVerticle (history). */
  public static final String QUEUE_TASKS_FINISHED = "vigil.queue.tasks.finished";
  /** Event task.dead_lettered. Producer: QueueVerticle. Consumers: StreamVerticle, StoreVerticle. */
  public static final String QUEUE_TASK_DEAD_LETTERED = "vigil.queue.task.deadlettered";
  /** Event task.cancelled (manual). Producer: QueueVerticle. Consumers: StreamVerticle, StoreVerticle. */
  public static final String QUEUE_TASK_CANCELLED = "vigil.queue.task.cancelled";
  /** Event queue.paused / queue.resumed. Producer: QueueVerticle. Consumers: StreamVerticle, StoreVerticle. */
  public static final String QUEUE_STATE_CHANGED = "vigil.queue.state.changed";
  /** Event deadletters.replayed / deadletters.purged (manual). Producer: QueueVerticle. Consumers: stream, store. */
  public static final String QUEUE_DEAD_LETTERS_CHANGED = "vigil.queue.deadletters.changed";
  /** Event lease.refused: settlements refused because the lease was lost. Producer: QueueVerticle. Consumers: stream, store. */
  public static final String QUEUE_LEASE_REFUSED = "vigil.queue.lease.refused";
  /** Event queue.backend.lost (critical). Producer: QueueVerticle. Consumers: ControlVerticle, stream, store. */
  public static final String QUEUE_BACKEND_LOST = "vigil.queue.backend.lost";
  /** Event queue.backend.restored. Producer: QueueVerticle. Consumers: ControlVerticle, stream, store. */
  public static final String QUEUE_BACKEND_RESTORED = "vigil.queue.backend.restored";
  /**
   * Event system.mode.changed; details {mode, previous, configured, fallback_active, reason, node}. An operator's switch
   * is cluster-wide, the automatic fallback local. Producer: ControlVerticle. Consumers: QueueVerticle, ControlVerticle
   * (peers), stream, store.
   */
  public static final String SYSTEM_MODE_CHANGED = "vigil.system.mode.changed";
  /** Event store.unavailable (critical), also store.overflow. Producer: StoreVerticle. Consumers: stream, store (audit). */
  public static final String STORE_UNAVAILABLE = "vigil.store.unavailable";
  /** Event store.restored. Producer: StoreVerticle. Consumers: stream, store (audit). */
  public static final String STORE_RESTORED = "vigil.store.restored";
  /** Event store.backpressure.on / .off. Producer: StoreVerticle. Consumers: QueueVerticle (pauses claiming). */
  public static final String STORE_BACKPRESSURE_CHANGED = "vigil.store.backpressure.changed";
  /** Event config.changed, cluster-wide; details {key}. Producer: any ConfigCache.put. Consumers: config caches, store (audit). */
  public static final String CONFIG_CHANGED = "vigil.config.changed";
  /**
   * BreakerTransition (domain/breaker), node-local (local codec, published local-only): a breaker on this node changed
   * state. Producer: BreakerVerticle, for every breaker in the node's registry. Consumers: none yet (the stream
   * registry, metrics and shared breaker state come with the recovery issue).
   */
  public static final String BREAKER_STATE_CHANGED = "vigil.breaker.state.changed";
  /** StreamedEvent, local: an allowlisted event with its stream id. Producer: StreamVerticle. Consumers: SSE connections. */
  public static final String STREAM_EVENT = "vigil.stream.event";

  /** What the live stream forwards (everything else stays internal). */
  public static final java.util.List<String> STREAMED = java.util.List.of(
      QUEUE_TASK_DEAD_LETTERED, QUEUE_TASK_CANCELLED, QUEUE_STATE_CHANGED, QUEUE_DEAD_LETTERS_CHANGED,
      QUEUE_LEASE_REFUSED, QUEUE_BACKEND_LOST, QUEUE_BACKEND_RESTORED, SYSTEM_MODE_CHANGED, STORE_UNAVAILABLE,
      STORE_RESTORED, STORE_BACKPRESSURE_CHANGED, CONFIG_RELOADED, CONFIG_RELOAD_FAILED, PROBE_STATUS_CHANGED);

  /** What the store keeps in the audit log: everything streamed, and every system-config change. */
  public static final java.util.List<String> AUDITED =
      java.util.stream.Stream.concat(STREAMED.stream(), java.util.stream.Stream.of(CONFIG_CHANGED)).toList();
}
