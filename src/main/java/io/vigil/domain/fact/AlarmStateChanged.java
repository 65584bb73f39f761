package io.vigil.domain.fact;

import io.vigil.domain.Event;
import io.vigil.domain.Severity;
import io.vigil.domain.alarm.AlarmState;

import java.time.Instant;
import java.util.Map;

/**
 * An alarm moved through its lifecycle (pending, firing, acknowledged, resolved) or was silenced, suppressed or
 * released from either; published by the leader's alarm engine, cluster-wide. What the dashboard shows and the
 * recovery engine acts on: a firing alarm whose rule names a {@code plan} asks for that plan.
 *
 * @param from       the state before (null when the alarm was just opened); equal to {@code to} for a flag change
 * @param change     what happened: a lifecycle move or a flag turning on or off
 * @param labels     the alarm's labels (series, the rule's own, {@code rule} and {@code severity})
 * @param summary    the rendered summary annotation
 * @param value      the value that decided it
 * @param firedAt    null until it fires
 * @param actor      the engine ({@code vigil}) or the operator who acknowledged or resolved it
 * @param note       why: the condition, the comment, the silence, the parent that is down
 * @param plan       the recovery plan its rule names, or null
 * @param node       the node whose engine decided it (the leader)
 */
public record AlarmStateChanged(Stamp stamp, String alarmId, String fingerprint, String rule, Severity severity,
                                AlarmState from, AlarmState to, Change change, boolean silenced, boolean suppressed,
                                Map<String, String> labels, String summary, double value, Instant startsAt,
                                Instant firedAt, String actor, String note, String plan, String node) implements Fact {

  /** What changed. */
  public enum Change { TRANSITION, SILENCED, UNSILENCED, SUPPRESSED, UNSUPPRESSED }

  public AlarmStateChanged {
    labels = labels == null ? Map.of() : Map.copyOf(labels);
  }

  /** A firing alarm that people will hear of (not silenced, not suppressed). */
  public boolean firingAndNotified() {
    return to == AlarmState.FIRING && !silenced && !suppressed;
  }

  /** Opened just now, or moved to {@code state} by this change. */
  public boolean movedTo(AlarmState state) {
    return change == Change.TRANSITION && to == state && from != state;
  }

  @Override
  public Event view() {
    String type = change == Change.TRANSITION ? "alarm." + to.wireName()
        : "alarm." + change.name().toLowerCase(java.util.Locale.ROOT);
    Severity shown = change == Change.TRANSITION && to == AlarmState.FIRING ? severity : Severity.INFO;
    String message = rule + " " + (change == Change.TRANSITION ? to.wireName() : change.name().toLowerCase(
        java.util.Locale.ROOT)) + ": " + summary + (note == null || note.isBlank() ? "" : " (" + note + ")");
    return FactView.of(this, type, shown, "alarm:" + rule, message,
        "alarm_id", alarmId, "rule", rule, "state", to.wireName(), "previous", from == null ? null : from.wireName(),
        "severity", severity.wireName(), "fingerprint", fingerprint, "labels", labels, "value", value,
        "silenced", silenced, "suppressed", suppressed, "starts_at", startsAt,
        "fired_at", firedAt, "note", note, "plan", plan, "node", node);
  }
}
