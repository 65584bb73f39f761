// The stream's event names the page knows, with the badge each type gets. An EventSource hands a named event
// only to listeners registered for that name, so every name the page shows is listed here; a later capability adds
// its names to this list (and panels subscribe to them through ctx.on).

export const STREAM_EVENTS = [
  // queue engine
  'task.dead_lettered', 'task.cancelled', 'queue.paused', 'queue.resumed', 'deadletters.replayed',
  'deadletters.purged', 'lease.refused', 'queue.backend.lost', 'queue.backend.restored',
  // system, store, config
  'system.mode.changed', 'store.unavailable', 'store.restored', 'store.overflow', 'store.backpressure.on',
  'store.backpressure.off', 'config.reloaded', 'config.reload.failed',
  // cluster (issue 13)
  'cluster.leader.changed', 'cluster.node.joined', 'cluster.node.left',
  // probes (issue 15), alarms and notifications (issue 16), recovery and breakers (issue 17)
  'probe.status.changed', 'alarm.state.changed', 'notification.sent', 'notification.failed',
  'recovery.attempt.finished', 'breaker.state.changed', 'status.changed',
];

/** Not numbered, not kept: the once-a-second figures. */
export const EPHEMERAL_EVENTS = ['queue.stats', 'probe.result.recorded'];

const FAMILIES = [
  ['task.', 'task'], ['deadletters.', 'queue'], ['lease.', 'queue'], ['queue.', 'queue'], ['system.', 'system'],
  ['store.', 'store'], ['config.', 'config'], ['cluster.', 'cluster'], ['probe.', 'probe'], ['alarm.', 'alarm'],
  ['notification.', 'notify'], ['recovery.', 'recovery'], ['breaker.', 'breaker'], ['status.', 'system'],
];

export function family(type) {
  const found = FAMILIES.find(([prefix]) => type.startsWith(prefix));
  return found ? found[1] : 'other';
}
