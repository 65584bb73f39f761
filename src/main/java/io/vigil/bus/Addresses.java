package io.vigil.bus;

import io.vertx.core.json.JsonObject;
import io.vigil.domain.Event;

import java.util.List;
import java.util.stream.Stream;

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
  /** JsonObject {} -> JsonObject {queues:[stats...]}. Producer: HttpVerticle, StreamVerticle (snapshot). */
  public static final Address<JsonObject> QUEUES_LIST = Address.cluster("vigil.queues.list", JsonObject.class);
  /** JsonObject {queue} -> JsonObject stats. Producer: HttpVerticle. */
  public static final Address<JsonObject> QUEUES_GET = Address.cluster("vigil.queues.get", JsonObject.class);
  /** JsonObject {queue, actor, reason?} -> JsonObject {queue, paused, changed}. Producer: HttpVerticle. */
  public static final Address<JsonObject> QUEUES_PAUSE = Address.cluster("vigil.queues.pause", JsonObject.class);
  /** JsonObject {queue, actor, reason?} -> JsonObject {queue, paused, changed}. Producer: HttpVerticle. */
  public static final Address<JsonObject> QUEUES_RESUME = Address.cluster("vigil.queues.resume", JsonObject.class);
  /** JsonObject {queue, limit} -> JsonObject {tasks:[...]}. Producer: HttpVerticle. */
  public static final Address<JsonObject> DEAD_LETTERS_LIST = Address.cluster("vigil.queues.deadletters.list", JsonObject.class);
  /** JsonObject {queue, ids:[] (empty = all), actor, reason?} -> JsonObject {replayed, ids}. Producer: HttpVerticle. */
  public static final Address<JsonObject> DEAD_LETTERS_REPLAY = Address.cluster("vigil.queues.deadletters.replay", JsonObject.class);
  /** JsonObject {queue, actor, reason?} -> JsonObject {purged}. Producer: HttpVerticle. */
  public static final Address<JsonObject> DEAD_LETTERS_PURGE = Address.cluster("vigil.queues.deadletters.purge", JsonObject.class);
  /** Node-local: JsonObject {} -> JsonObject {backend, up, mode, consuming, accepting} of this node. Producer: readiness. */
  public static final Address<JsonObject> QUEUE_HEALTH = Address.node("vigil.queues.health", JsonObject.class);

  /** Prefix of the addresses external workers consume: {@code vigil.worker.<taskType>}. */
  public static final String WORKER_PREFIX = "vigil.worker.";

  /** Cluster-wide: a worker anywhere on the bus answers. Producer: the eventbus handler. */
  public static Address<JsonObject> worker(String taskType) {
    return Address.cluster(WORKER_PREFIX + taskType, JsonObject.class);
  }

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

  // ---- commands: the live stream (StreamVerticle answers); node-local: stream ids are per node ---------------
  /** JsonObject {after} -> JsonObject {events:[{id, name, data}...], missed}. Producer: HttpVerticle (Last-Event-ID). */
  public static final Address<JsonObject> STREAM_SINCE = Address.node("vigil.stream.since", JsonObject.class);

  // ---- commands: the cluster (ClusterVerticle answers); node-local: this node's view -------------------------
  /** JsonObject {} -> JsonObject {node, clustered, leader: {node, since} | null, nodes: [...]}. Producer: HttpVerticle. */
  public static final Address<JsonObject> CLUSTER_GET = Address.node("vigil.cluster.get", JsonObject.class);

  // ---- facts: node-local records (local codec, no copy) ------------------------------------------------------
  /** QueueStatsUpdated, once per stats interval. Producer: QueueVerticle. Consumers: StreamVerticle. */
  public static final Address<QueueStatsUpdated> QUEUE_STATS_UPDATED = Address.node("vigil.queue.stats.updated", QueueStatsUpdated.class);
  /** FinishedTasks, one per settled batch. Producer: QueueVerticle. Consumers: StoreVerticle (history). */
  public static final Address<FinishedTasks> QUEUE_TASKS_FINISHED = Address.node("vigil.queue.tasks.finished", FinishedTasks.class);
  /** StreamedEvent: a streamed fact with this node's stream id. Producer: StreamVerticle. Consumers: SSE connections. */
  public static final Address<StreamedEvent> STREAM_EVENT = Address.node("vigil.stream.event", StreamedEvent.class);

  // ---- facts: the queue ---------------------------------------------------------------------------------------
  /** Cluster-wide. Event task.dead_lettered. Producer: QueueVerticle. Consumers: StreamVerticle, StoreVerticle. */
  public static final Address<Event> QUEUE_TASK_DEAD_LETTERED = Address.cluster("vigil.queue.task.deadlettered", Event.class);
  /** Cluster-wide. Event task.cancelled (manual). Producer: QueueVerticle. Consumers: StreamVerticle, StoreVerticle. */
  public static final Address<Event> QUEUE_TASK_CANCELLED = Address.cluster("vigil.queue.task.cancelled", Event.class);
  /** Cluster-wide. Event queue.paused / queue.resumed. Producer: QueueVerticle. Consumers: StreamVerticle, StoreVerticle. */
  public static final Address<Event> QUEUE_STATE_CHANGED = Address.cluster("vigil.queue.state.changed", Event.class);
  /** Cluster-wide. Event deadletters.replayed / deadletters.purged (manual). Producer: QueueVerticle. Consumers: stream, store. */
  public static final Address<Event> QUEUE_DEAD_LETTERS_CHANGED = Address.cluster("vigil.queue.deadletters.changed", Event.class);
  /** Cluster-wide. Event lease.refused: settlements refused because the lease was lost. Producer: QueueVerticle. Consumers: stream, store. */
  public static final Address<Event> QUEUE_LEASE_REFUSED = Address.cluster("vigil.queue.lease.refused", Event.class);
  /**
   * Node-local: each node judges its own connection, and a peer's loss must not switch this node's mode. Event
   * queue.backend.lost (critical). Producer: QueueVerticle. Consumers: ControlVerticle, stream, store.
   */
  public static final Address<Event> QUEUE_BACKEND_LOST = Address.node("vigil.queue.backend.lost", Event.class);
  /** Node-local. Event queue.backend.restored. Producer: QueueVerticle. Consumers: ControlVerticle, stream, store. */
  public static final Address<Event> QUEUE_BACKEND_RESTORED = Address.node("vigil.queue.backend.restored", Event.class);

  // ---- facts: the system mode --------------------------------------------------------------------------------
  /**
   * Cluster-wide: an operator's switch, which every node applies. Event system.mode.changed; details {mode,
   * previous, configured, fallback_active, reason, node}. Producer: the ControlVerticle that took the command.
   * Consumers: every node's ControlVerticle and QueueVerticle, stream, store.
   */
  public static final Address<Event> SYSTEM_MODE_CHANGED = Address.cluster("vigil.system.mode.changed", Event.class);
  /**
   * Node-local: this node switched to or back from its fallback because it lost or got back the queue backend.
   * Event system.mode.changed (same shape as an operator's). Producer: ControlVerticle. Consumers: stream, store.
   */
  public static final Address<Event> SYSTEM_FALLBACK_CHANGED = Address.node("vigil.system.fallback.changed", Event.class);

  // ---- facts: the store --------------------------------------------------------------------------------------
  /** Cluster-wide. Event store.unavailable (critical), also store.overflow. Producer: StoreVerticle. Consumers: stream, store (audit). */
  public static final Address<Event> STORE_UNAVAILABLE = Address.cluster("vigil.store.unavailable", Event.class);
  /** Cluster-wide. Event store.restored. Producer: StoreVerticle. Consumers: stream, store (audit). */
  public static final Address<Event> STORE_RESTORED = Address.cluster("vigil.store.restored", Event.class);
  /**
   * Node-local: this node's writer pauses this node's consumers. Event store.backpressure.on / .off. Producer:
   * StoreVerticle. Consumers: QueueVerticle (pauses claiming), stream, store.
   */
  public static final Address<Event> STORE_BACKPRESSURE_CHANGED = Address.node("vigil.store.backpressure.changed", Event.class);

  // ---- facts: config and cluster -----------------------------------------------------------------------------
  /** Cluster-wide. Event config.changed; details {key}. Producer: any ConfigCache.put. Consumers: every ConfigCache, store (audit). */
  public static final Address<Event> CONFIG_CHANGED = Address.cluster("vigil.config.changed", Event.class);
  /**
   * Cluster-wide. Event cluster.leader.changed; details {node, leader, previous, since}: published by a node when it
   * becomes the leader or stops being it. Producer: ClusterVerticle. Consumers: the app's leader-only deployments
   * (its own node's facts only), stream, store.
   */
  public static final Address<Event> CLUSTER_LEADER_CHANGED = Address.cluster("vigil.cluster.leader.changed", Event.class);

  /** What the live stream forwards (everything else stays internal). */
  public static final List<Address<Event>> STREAMED = List.of(
      QUEUE_TASK_DEAD_LETTERED, QUEUE_TASK_CANCELLED, QUEUE_STATE_CHANGED, QUEUE_DEAD_LETTERS_CHANGED,
      QUEUE_LEASE_REFUSED, QUEUE_BACKEND_LOST, QUEUE_BACKEND_RESTORED, SYSTEM_MODE_CHANGED, SYSTEM_FALLBACK_CHANGED,
      STORE_UNAVAILABLE, STORE_RESTORED, STORE_BACKPRESSURE_CHANGED, CLUSTER_LEADER_CHANGED);

  /** What the store keeps in the audit log: everything streamed, and every system-config change. */
  public static final List<Address<Event>> AUDITED = Stream.concat(STREAMED.stream(), Stream.of(CONFIG_CHANGED)).toList();
}
