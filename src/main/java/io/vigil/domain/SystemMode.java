package io.vigil.domain;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The kill switch: how Vigil treats new and queued work right now. */
public enum SystemMode {
  /** Normal: submissions are queued and consumed. */
  ASYNC_QUEUE(true, true),
  /**
   * Each submission runs inline at submit, bypassing the queue (e.g. while Redis is lost); what is already
   * queued is still consumed when the backend answers.
   */
  SYNC_DIRECT(true, true),
  /** Submissions are accepted and held; consumers stop. */
  PAUSED(true, false),
  /** Emergency: new work is refused; consumers stop; in-flight work finishes or is released. */
  STOPPED(false, false);

  /**
   * The legal manual moves. Out of {@code stopped} only a deliberate resume leads: back to normal, or to paused to
   * look before work flows again.
   */
  private static final Map<SystemMode, Set<SystemMode>> LEGAL = Map.of(
      ASYNC_QUEUE, EnumSet.of(SYNC_DIRECT, PAUSED, STOPPED),
      SYNC_DIRECT, EnumSet.of(ASYNC_QUEUE, PAUSED, STOPPED),
      PAUSED, EnumSet.of(ASYNC_QUEUE, SYNC_DIRECT, STOPPED),
      STOPPED, EnumSet.of(ASYNC_QUEUE, PAUSED));

  private final boolean acceptsWork;
  private final boolean consumes;

  SystemMode(boolean acceptsWork, boolean consumes) {
    this.acceptsWork = acceptsWork;
    this.consumes = consumes;
  }

  public boolean acceptsWork() {
    return acceptsWork;
  }

  /** Whether queue consumers claim work in this mode. */
  public boolean consumes() {
    return consumes;
  }

  /** Whether an operator may switch from this mode to {@code next} (staying put is always allowed). */
  public boolean canMoveTo(SystemMode next) {
    return this == next || LEGAL.get(this).contains(next);
  }

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<SystemMode> fromWire(String name) {
    return Arrays.stream(values()).filter(m -> m.wireName().equals(name)).findFirst();
  }
}
