package io.vigil.domain.alarm;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The decisions of one engine call, in order: transitions and flag changes as they happened, then messages. */
public final class Decisions implements Iterable<AlarmDecision> {
  static final Decisions NONE = new Decisions(List.of());

  private final List<AlarmDecision> all;

  Decisions(List<AlarmDecision> all) {
    this.all = List.copyOf(all);
  }

  public List<AlarmDecision> all() {
    return all;
  }

  public boolean isEmpty() {
    return all.isEmpty();
  }

  public List<AlarmTransition> transitions() {
    return only(AlarmTransition.class);
  }

  public List<NotificationIntent> notifications() {
    return only(NotificationIntent.class);
  }

  public List<FlagChange> flagChanges() {
    return only(FlagChange.class);
  }

  public List<StopRequest> stopRequests() {
    return only(StopRequest.class);
  }

  /** The latest snapshot of every alarm these decisions touched, in the order they were first touched. */
  public List<Alarm> alarms() {
    Map<String, Alarm> latest = new LinkedHashMap<>();
    for (AlarmDecision d : all) {
      d.alarms().forEach(a -> latest.put(a.id(), a));
    }
    return List.copyOf(latest.values());
  }

  /** Every timeline entry, in order. */
  public List<TimelineEntry> timeline() {
    List<TimelineEntry> entries = new ArrayList<>();
    all.forEach(d -> entries.addAll(d.entries()));
    return entries;
  }

  @Override
  public Iterator<AlarmDecision> iterator() {
    return all.iterator();
  }

  @Override
  public String toString() {
    return all.toString();
  }

  private <T extends AlarmDecision> List<T> only(Class<T> type) {
    return all.stream().filter(type::isInstance).map(type::cast).toList();
  }
}
