package io.vigil.domain.fact;

import io.vigil.domain.Event;
import io.vigil.domain.Severity;

import java.time.Instant;
import java.util.Map;

/**
 * Something that happened and that others act on, keep or show: a typed record, published on its address in
 * {@code bus/Addresses}. Consumers read its fields, never a string map. {@link FactView} turns any fact into the form
 * the audit log and the live stream show ({@link Event}); each record says how it reads there. A new fact is a
 * record in this package, added to {@code permits}; the bus codec and the view need nothing else.
 */
public sealed interface Fact permits
    TaskDeadLettered, TaskCancelled, QueueStateChanged, DeadLettersReplayed, DeadLettersPurged, LeaseRefused,
    BackendLost, BackendRestored,
    ModeChanged,
    StoreUnavailable, StoreOverflowed, StoreRestored, StoreBackpressureChanged,
    ConfigChanged,
    LeaderChanged {

  /** The fact's id (time-ordered, unique across nodes) and when it happened: the same on every node that hears it. */
  Stamp stamp();

  default String id() {
    return stamp().id();
  }

  default Instant at() {
    return stamp().at();
  }

  /** Dotted type as the audit log and the stream name it, e.g. {@code queue.paused}. */
  String type();

  Severity severity();

  /** What it is about, e.g. {@code queue:default}, {@code store:pg}, {@code system}. */
  String component();

  /** Who caused it: a token name for an operator's action, {@code system} otherwise. */
  default String actor() {
    return Event.SYSTEM_ACTOR;
  }

  /** One line for people. */
  String message();

  /** The fields as the audit log and the stream show them (snake_case keys, no nulls). */
  Map<String, Object> details();
}
