package io.vigil.domain;

/**
 * The mode an operator configured, combined with whether the queue backend is reachable here. Losing the backend
 * while in {@code async_queue} switches to the fallback on its own; getting it back switches back.
 */
public record ModeState(SystemMode configured, boolean backendLost, BackendFallback fallback) {

  /** The mode in force on this node. */
  public SystemMode effective() {
    return fallbackActive() && fallback == BackendFallback.SYNC_DIRECT ? SystemMode.SYNC_DIRECT : configured;
  }

  /** Whether the automatic fallback is what decides right now. */
  public boolean fallbackActive() {
    return backendLost && configured == SystemMode.ASYNC_QUEUE;
  }

  /** New work must be refused because the backend is gone and the fallback says reject. */
  public boolean rejectsNewWork() {
    return fallbackActive() && fallback == BackendFallback.REJECT;
  }

  /** Queue consumers claim work: the mode allows it and the backend answers. */
  public boolean consumes() {
    return effective().consumes() && !backendLost;
  }

  public ModeState withConfigured(SystemMode mode) {
    return new ModeState(mode, backendLost, fallback);
  }

  public ModeState withBackendLost(boolean lost) {
    return new ModeState(configured, lost, fallback);
  }
}
