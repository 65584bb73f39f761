package io.vigil.domain.alarm;

/**
 * A critical rule with {@code stop: true} fired: the system should switch to {@code stopped}. Emitted once per
 * firing — silences and suppression do not hold it back (they are about messages, not data safety).
 */
public record StopRequest(Alarm alarm, String reason, TimelineEntry entry) implements AlarmDecision.OfOneAlarm {}
