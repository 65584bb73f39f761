package io.vigil.control;

import io.vertx.core.json.JsonObject;
import io.vigil.bus.Failure;
import io.vigil.domain.Millis;
import io.vigil.domain.ModeState;
import io.vigil.domain.SystemMode;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * The system mode of this node: what an operator configured (shared by every node through the store and the bus)
 * combined with this node's view of the queue backend. Not thread-safe; owned by the ControlVerticle.
 */
final class ModeController {

  /** A change of the mode in force. */
  /** @param at when it switched: the one instant the view, the stored mode and the fact all tell */
  record Change(SystemMode previous, SystemMode mode, ModeState state, String actor, String reason, boolean manual,
                Instant at) {}

  private final Clock clock;
  private ModeState state;
  private Instant changedAt;
  private String changedBy = "config";
  private String reason = "starting mode from configuration";

  ModeController(ModeState initial, Clock clock) {
    this.state = initial;
    this.clock = clock;
    this.changedAt = clock.instant();
  }

  ModeState state() {
    return state;
  }

  /** An operator's switch; refused (409) when the transition table forbids it. */
  Change set(SystemMode mode, String actor, String why) {
    SystemMode configured = state.configured();
    if (!configured.canMoveTo(mode)) {
      throw Failure.of(409, Failure.Codes.ILLEGAL_MODE_TRANSITION, "cannot switch from " + configured.wireName()
          + " to " + mode.wireName() + "; from stopped, resume to async_queue or paused").asException();
    }
    SystemMode before = state.effective();
    state = state.withConfigured(mode);
    Instant now = clock.instant();
    record(actor, why, now);
    return new Change(before, state.effective(), state, actor, why, true, now);
  }

  /** What another node switched to, or what the store remembered at start. */
  void adopt(SystemMode configured, String actor, String why, Instant at) {
    state = state.withConfigured(configured);
    record(actor, why, at);
  }

  Optional<Change> backendLost() {
    return backend(true, "queue backend lost");
  }

  Optional<Change> backendRestored() {
    return backend(false, "queue backend answers again");
  }

  JsonObject view() {
    return new JsonObject()
        .put("mode", state.effective().wireName())
        .put("configured", state.configured().wireName())
        .put("fallback", state.fallback().wireName())
        .put("fallback_active", state.fallbackActive())
        .put("backend_lost", state.backendLost())
        .put("accepting_work", state.effective().acceptsWork() && !state.rejectsNewWork())
        .put("changed_at", Millis.format(changedAt))
        .put("changed_by", changedBy)
        .put("reason", reason);
  }

  /** The fallback only matters in async_queue; in any mode an operator chose, losing the backend changes nothing. */
  private Optional<Change> backend(boolean lost, String why) {
    if (state.backendLost() == lost) return Optional.empty();
    SystemMode before = state.effective();
    boolean fallbackMatters = state.configured() == SystemMode.ASYNC_QUEUE;
    state = state.withBackendLost(lost);
    return fallbackMatters ? Optional.of(new Change(before, state.effective(), state, "system", why, false,
        clock.instant())) : Optional.empty();
  }

  private void record(String actor, String why, Instant at) {
    changedBy = actor;
    reason = why;
    changedAt = at;
  }
}
