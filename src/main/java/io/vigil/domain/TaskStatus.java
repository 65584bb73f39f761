package io.vigil.domain;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The lifecycle of a task. {@link #LEGAL} is the one table of allowed transitions; anything else is a bug.
 */
public enum TaskStatus {
  QUEUED, DELAYED, ACTIVE, COMPLETED, RETRYING, DEAD, CANCELLED;

  private static final Map<TaskStatus, Set<TaskStatus>> LEGAL = Map.of(
      // QUEUED -> DEAD: recovery drained a stuck queue's old tasks to its dead letters (replayable)
      QUEUED, EnumSet.of(ACTIVE, CANCELLED, DEAD),
      DELAYED, EnumSet.of(QUEUED, CANCELLED),
      // ACTIVE -> QUEUED: the lease expired or was released, the task waits again
      ACTIVE, EnumSet.of(COMPLETED, RETRYING, DEAD, QUEUED),
      RETRYING, EnumSet.of(QUEUED, CANCELLED),
      DEAD, EnumSet.of(QUEUED),
      COMPLETED, EnumSet.noneOf(TaskStatus.class),
      CANCELLED, EnumSet.noneOf(TaskStatus.class));

  public boolean canMoveTo(TaskStatus next) {
    return LEGAL.get(this).contains(next);
  }

  /** Throws {@link IllegalTransitionException} when the move is not in the table. */
  public TaskStatus checkMoveTo(TaskStatus next) {
    if (!canMoveTo(next)) {
      throw new IllegalTransitionException(this, next);
    }
    return next;
  }

  /** Waiting for a worker: queued now, or due later. */
  public boolean isWaiting() {
    return this == QUEUED || this == DELAYED || this == RETRYING;
  }

  /** No further transition will happen on its own (dead tasks wait for an operator). */
  public boolean isFinished() {
    return this == COMPLETED || this == DEAD || this == CANCELLED;
  }

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static TaskStatus fromWire(String name) {
    return valueOf(name.toUpperCase(Locale.ROOT));
  }

  public static Set<TaskStatus> legalMovesFrom(TaskStatus status) {
    return Set.copyOf(LEGAL.get(status));
  }
}
