// The stream's event names the page knows, with the badge each type gets. An EventSource hands a named event
// only to listeners registered for that name, so every name the page shows is listed here; a later capability adds
// its names to this list (and panels subscribe to them through ctx.on).

/** An alarm's lifecycle moves and flag changes, as the stream names them. */
export const ALARM_EVENTS = ['alarm.pending', 'alarm.firing', 'alarm.acknowledged', 'alarm.resolved', 'alarm.silenced',
  'alarm.unsilenced', 'alarm.suppressed', 'alarm.unsuppressed'];

/** Recovery's facts (issue 17): runs, attempts, escalations to a person, failovers. */
export const RECOVERY_EVENTS = ['recovery.run.started', 'recovery.run.ended', 'recovery.attempt.finished',
  'recovery.escalated', 'recovery.escalation.cleared', 'recovery.failover', 'recovery.failback'];

export const STREAM_EVENTS = [
  // queue engine
  'task.dead_lettered', 'task.cancelled', 'queue.paused', 'queue.resumed', 'deadletters.replayed',
  'deadletters.purged', 'lease.refused', 'queue.backend.lost', 'queue.backend.restored', 'task.degraded',
  // system, store, config
  'system.mode.changed', 'store.unavailable', 'store.restored', 'store.overflow', 'store.backpressure.on',
  'store.backpressure.off', 'config.reloaded', 'config.reload.failed', 'config.changed', 'config.reload.requested',
  // cluster, breakers, probes
  'cluster.leader.changed', 'breaker.state.changed', 'component.status.changed',
  // alarms and notifications (issue 16): one fact, vigil.alarm.state.changed, named by what changed
  ...ALARM_EVENTS, 'notification.sent', 'notification.failed', 'notification.dead',
  ...RECOVERY_EVENTS,
  // schedules
  'schedule.created', 'schedule.replaced', 'schedule.deleted',
];

/** Not numbered, not kept, dropped for a slow client: the queues' figures every second, probe results as they come. */
export const EPHEMERAL_EVENTS = ['queue.stats', 'probe.results'];

const FAMILIES = [
  ['task.', 'task'], ['deadletters.', 'queue'], ['lease.', 'queue'], ['queue.', 'queue'], ['system.', 'system'],
  ['store.', 'store'], ['config.', 'config'], ['cluster.', 'cluster'], ['component.', 'probe'], ['probe.', 'probe'],
  ['alarm.', 'alarm'], ['notification.', 'notify'], ['recovery.', 'recovery'], ['breaker.', 'breaker'],
  ['schedule.', 'schedule'],
];

export function family(type) {
  const found = FAMILIES.find(([prefix]) => type.startsWith(prefix));
  return found ? found[1] : 'other';
}
