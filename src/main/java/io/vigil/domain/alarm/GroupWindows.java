package io.vigil.domain.alarm;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Grouping of firing messages per rule. The first firing of a rule goes out at once (a page must not wait) and
 * opens a window of the rule's {@code group_window}; firings during the window are held and go out together when
 * it ends, which opens the next window. A window that ends with nothing held closes. Only firing messages are held:
 * a held firing is safe across a restart (the alarm stays open and un-notified, and {@link AlarmEngine#restore}
 * re-sends it), a held resolve would not be — resolves go out at once.
 */
final class GroupWindows {
  private final Map<String, Window> byRule = new HashMap<>();

  private static final class Window {
    final Duration length;
    Instant openedAt;
    Instant endsAt;
    final LinkedHashSet<String> held = new LinkedHashSet<>();

    Window(Duration length, Instant now) {
      this.length = length;
      open(now);
    }

    void open(Instant now) {
      openedAt = now;
      endsAt = now.plus(length);
    }
  }

  /**
   * True when the firing of {@code alarmId} goes out now (no window is open, or it opened at this very instant — a
   * batch that trips many series is one message); false when it is held for the window's end.
   */
  boolean offer(String rule, Duration window, String alarmId, Instant now) {
    if (window.isZero()) return true;
    Window w = byRule.get(rule);
    if (w == null) {
      byRule.put(rule, new Window(window, now));
      return true;
    }
    if (w.openedAt.equals(now)) return true;
    w.held.add(alarmId);
    return false;
  }

  /**
   * The held alarm ids of every window that ended by {@code now}, per rule, keeping those {@code stillDue} accepts.
   * A window that sent something starts the next one; an empty one closes.
   */
  Map<String, List<String>> flushDue(Instant now, Predicate<String> stillDue) {
    Map<String, List<String>> due = new HashMap<>();
    for (Iterator<Map.Entry<String, Window>> it = byRule.entrySet().iterator(); it.hasNext(); ) {
      Map.Entry<String, Window> e = it.next();
      Window w = e.getValue();
      if (now.isBefore(w.endsAt)) continue;
      List<String> send = new ArrayList<>(w.held.stream().filter(stillDue).toList());
      w.held.clear();
      if (send.isEmpty()) {
        it.remove();
      } else {
        w.open(now);
        due.put(e.getKey(), send);
      }
    }
    return due;
  }

  void forget(String alarmId) {
    byRule.values().forEach(w -> w.held.remove(alarmId));
  }

  void forgetRule(String rule) {
    byRule.remove(rule);
  }

  Optional<Instant> nextEnd() {
    return byRule.values().stream().map(w -> w.endsAt).min(Instant::compareTo);
  }
}
