package io.vigil.domain.fact;

import io.vigil.domain.Event;

import java.time.Instant;

/**
 * Something that happened and that others act on, keep or show: a typed record, published on its address in
 * {@code bus/Addresses}. Consumers read its fields, never a string map. Each record says how it reads in the audit
 * log and the live stream ({@link #view()}, built with {@link FactView#of}); {@link FactView#event} is the one way to
 * that form. A new fact is a record in this package, added to {@code permits}; the bus codec needs nothing else.
 */
public sealed interface Fact permits
    TaskDeadLettered, TaskCancelled, QueueStateChanged, DeadLettersReplayed, DeadLettersPurged, LeaseRefused,
    BackendLost, BackendRestored,
    ModeChanged,
    StoreUnavailable, StoreOverflowed, StoreRestored, StoreBackpressureChanged,
    ConfigChanged, ConfigReloadRequested, ConfigReloaded, ConfigReloadFailed,
    LeaderChanged,
    BreakerStateChanged,
    ComponentStatusChanged,
    AlarmStateChanged, DeliveryRecorded,
    RecoveryAttemptFinished, RecoveryRunChanged, RecoveryEscalated, TargetSwitched {

  /** The fact's id (time-ordered, unique across nodes) and when it happened: the same on every node that hears it. */
  Stamp stamp();

  default String id() {
    return stamp().id();
  }

  default Instant at() {
    return stamp().at();
  }

  /** Who caused it: a token name for an operator's action, {@code system} otherwise. */
  default String actor() {
    return Event.SYSTEM_ACTOR;
  }

  /** The fact as the audit log keeps it and the stream sends it. */
  Event view();
}
