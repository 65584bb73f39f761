package io.vigil.domain.alarm;

import io.vigil.domain.health.HealthStatus;

import java.util.Set;

/**
 * The metrics a rule may select: what each means, its unit and the labels its samples carry. The alarm verticle
 * turns facts on the bus into samples of these; a rule naming anything else is refused (a typo would otherwise
 * never fire). Ratios are 0..1, durations are seconds.
 */
public final class AlarmMetrics {
  /** Tasks ready to run and waiting for a worker. Labels: {@code queue}. */
  public static final String QUEUE_BACKLOG = "queue.backlog";
  /** Failed attempts / finished attempts over the last 60 s, 0..1. Labels: {@code queue}. */
  public static final String QUEUE_ERROR_RATE = "queue.error_rate";
  /**
   * Seconds since the queue last completed a task while tasks were waiting; 0 whenever nothing waits (so "no
   * progress while work waits" is one threshold). Labels: {@code queue}.
   */
  public static final String QUEUE_IDLE_SECONDS = "queue.idle_seconds";
  /** Age in seconds of the oldest task ready to run; 0 when none waits. Labels: {@code queue}. */
  public static final String QUEUE_OLDEST_AGE_SECONDS = "queue.oldest_age_seconds";
  /** Tasks in the dead-letter queue. Labels: {@code queue}. */
  public static final String QUEUE_DEAD_LETTERS = "queue.dead_letters";
  /** A component's status as a {@link HealthStatus#code()}. Labels: {@code component}, {@code kind}. */
  public static final String COMPONENT_STATUS = "component.status";
  /** System CPU load, 0..1. Labels: {@code node}. */
  public static final String SYSTEM_CPU = "system.cpu";
  /** System memory in use, 0..1. Labels: {@code node}. */
  public static final String SYSTEM_MEMORY = "system.memory";
  /** Free space of a watched file system, 0..1. Labels: {@code node}, {@code path}, {@code component}. */
  public static final String DISK_FREE_RATIO = "disk.free_ratio";
  /** A circuit breaker's state: {@link #BREAKER_CLOSED}, {@link #BREAKER_HALF_OPEN}, {@link #BREAKER_OPEN}. Labels: {@code breaker}. */
  public static final String BREAKER_STATE = "breaker.state";
  /** Rows the store holds in memory because PostgreSQL does not take them. Labels: {@code node}. */
  public static final String STORE_BUFFERED = "store.buffered";
  /** 1 while recovery has given up on a component (labels component, attempts, reason, suggested_action), then 0. */
  public static final String RECOVERY_EXHAUSTED = "recovery.exhausted";
  /** Consecutive failed deliveries of a notification channel. Labels: {@code channel}. */
  public static final String NOTIFY_FAILURES = "notify.failures";
  /** Messages waiting in a foreign queue (RabbitMQ, BullMQ). Labels: {@code component}, {@code queue}. */
  public static final String FOREIGN_DEPTH = "foreign.depth";
  /** Consumers attached to a foreign queue. Labels: {@code component}, {@code queue}. */
  public static final String FOREIGN_CONSUMERS = "foreign.consumers";
  /** Failed jobs kept by a foreign queue (BullMQ). Labels: {@code component}, {@code queue}. */
  public static final String FOREIGN_FAILED = "foreign.failed";
  /** Any other foreign-queue figure is {@code foreign.<name>}. */
  public static final String FOREIGN_PREFIX = "foreign.";

  public static final double BREAKER_CLOSED = 0;
  public static final double BREAKER_HALF_OPEN = 1;
  public static final double BREAKER_OPEN = 2;

  public static final Set<String> KNOWN = Set.of(QUEUE_BACKLOG, QUEUE_ERROR_RATE, QUEUE_IDLE_SECONDS,
      QUEUE_OLDEST_AGE_SECONDS, QUEUE_DEAD_LETTERS, COMPONENT_STATUS, SYSTEM_CPU, SYSTEM_MEMORY, DISK_FREE_RATIO,
      BREAKER_STATE, STORE_BUFFERED, RECOVERY_EXHAUSTED, NOTIFY_FAILURES, FOREIGN_DEPTH, FOREIGN_CONSUMERS, FOREIGN_FAILED);

  private AlarmMetrics() {}

  public static boolean isKnown(String metric) {
    return KNOWN.contains(metric)
        || metric.startsWith(FOREIGN_PREFIX) && metric.length() > FOREIGN_PREFIX.length();
  }
}
