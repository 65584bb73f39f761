package io.vigil.domain.status;

import io.vigil.domain.SystemMode;
import io.vigil.domain.health.HealthStatus;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Composes the {@link SystemStatus} — one plain sentence an editor can read — from facts only: the mode, each
 * component's status and since when, and which components people have been told about. It claims "operators have
 * been notified" only when every component it names is in {@code notified}; it names at most three components. The
 * first situation that holds decides the sentence: stopped, a critical component down, paused, the queue backend lost,
 * a critical component unknown, one degraded, a non-critical one down or degraded, else all normal.
 */
public final class StatusLine {
  static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneOffset.UTC);
  static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC);
  static final int NAMED = 3;
  /** UNHEALTHY, then UNKNOWN (no evidence it works), then DEGRADED, then HEALTHY. */
  private static final Comparator<HealthStatus> WORST_FIRST = (a, b) -> a == b ? 0 : a.worse(b) == a ? -1 : 1;

  private StatusLine() {}

  public static SystemStatus compose(ModeFacts mode, Collection<ComponentHealth> components, Set<String> notified,
                                     Instant now) {
    List<ComponentHealth> critical = components.stream().filter(ComponentHealth::critical).toList();
    HealthStatus overall = critical.stream().map(ComponentHealth::status).reduce(HealthStatus.HEALTHY, HealthStatus::worse);
    List<ComponentHealth> criticalDown = having(critical, HealthStatus.UNHEALTHY);
    boolean stopped = mode.mode() == SystemMode.STOPPED;
    boolean accepting = !stopped && !mode.rejectsNewWork() && criticalDown.isEmpty();
    boolean publishing = accepting && mode.mode() != SystemMode.PAUSED;

    String message;
    Instant since;
    if (stopped) {
      since = mode.changedAt();
      message = "Vigil has been stopped since " + at(since, now) + by(mode)
          + "; new work is refused until an admin resumes it.";
    } else if (!criticalDown.isEmpty()) {
      since = earliest(criticalDown);
      message = names(criticalDown) + (criticalDown.size() == 1 ? " has" : " have") + " been down since " + at(since, now)
          + "; " + consequence(mode) + (notified.containsAll(ids(criticalDown)) ? "; operators have been notified." : ".");
    } else if (mode.mode() == SystemMode.PAUSED) {
      since = mode.changedAt();
      message = "Processing has been paused since " + at(since, now) + by(mode)
          + "; new tasks are accepted and held until it resumes.";
    } else if (mode.fallbackActive()) {
      since = mode.changedAt();
      message = "The queue backend has been unreachable since " + at(since, now) + "; " + consequence(mode) + ".";
    } else if (!having(critical, HealthStatus.UNKNOWN).isEmpty()) {
      List<ComponentHealth> unknown = having(critical, HealthStatus.UNKNOWN);
      since = earliest(unknown);
      message = names(unknown) + (unknown.size() == 1 ? " has" : " have") + " not been checked successfully since "
          + at(since, now) + "; work goes on.";
    } else if (!having(critical, HealthStatus.DEGRADED).isEmpty()) {
      List<ComponentHealth> degraded = having(critical, HealthStatus.DEGRADED);
      since = earliest(degraded);
      message = "Working, but " + names(degraded) + (degraded.size() == 1 ? " has" : " have") + " been degraded since "
          + at(since, now) + ".";
    } else if (components.stream().anyMatch(c -> c.status() == HealthStatus.UNHEALTHY || c.status() == HealthStatus.DEGRADED)) {
      List<ComponentHealth> down = having(components, HealthStatus.UNHEALTHY);
      List<ComponentHealth> named = down.isEmpty() ? having(components, HealthStatus.DEGRADED) : down;
      since = earliest(named);
      message = "Working normally; " + names(named) + " (not critical) " + (named.size() == 1 ? "has" : "have")
          + " been " + (down.isEmpty() ? "degraded" : "down") + " since " + at(since, now) + ".";
    } else {
      since = critical.stream().map(ComponentHealth::since).filter(Objects::nonNull).max(Comparator.naturalOrder()).orElse(null);
      message = "All systems normal.";
    }
    return new SystemStatus(overall, accepting, publishing, message, since,
        ids(having(components, HealthStatus.UNHEALTHY)), actions(components));
  }

  /** What happens to work while something is down, from the mode's facts. */
  private static String consequence(ModeFacts mode) {
    if (mode.rejectsNewWork()) return "new tasks are refused until it returns";
    if (mode.fallbackActive()) return "tasks run directly, without the queue, until it returns";
    return "tasks are held and retried";
  }

  private static String by(ModeFacts mode) {
    boolean person = mode.changedBy() != null && !mode.changedBy().equals("system");
    String reason = mode.reason() == null || mode.reason().isBlank() ? "" : ": " + mode.reason();
    return person ? " by " + mode.changedBy() + reason : reason.isEmpty() ? "" : " (" + mode.reason() + ")";
  }

  static String at(Instant time, Instant now) {
    if (time == null) return "start-up";
    boolean today = time.atZone(ZoneOffset.UTC).toLocalDate().equals(now.atZone(ZoneOffset.UTC).toLocalDate());
    return (today ? TIME : DATE_TIME).format(time) + " UTC";
  }

  /** "A", "A and B", "A, B and C", "A, B, C and 2 more". */
  static String names(List<ComponentHealth> components) {
    List<String> names = new ArrayList<>(components.stream().map(ComponentHealth::name).toList());
    if (names.size() > NAMED) {
      int more = names.size() - NAMED;
      names = new ArrayList<>(names.subList(0, NAMED));
      names.add(more + " more");
    }
    if (names.size() == 1) return names.get(0);
    return String.join(", ", names.subList(0, names.size() - 1)) + " and " + names.get(names.size() - 1);
  }

  private static List<ComponentHealth> having(Collection<ComponentHealth> components, HealthStatus status) {
    return components.stream().filter(((Predicate<ComponentHealth>) c -> c.status() == status))
        .sorted(Comparator.comparing(ComponentHealth::since, Comparator.nullsFirst(Comparator.naturalOrder())))
        .toList();
  }

  private static Instant earliest(List<ComponentHealth> components) {
    return components.stream().map(ComponentHealth::since).filter(Objects::nonNull).min(Comparator.naturalOrder()).orElse(null);
  }

  private static List<String> ids(List<ComponentHealth> components) {
    return components.stream().map(ComponentHealth::id).toList();
  }

  private static List<SystemStatus.Action> actions(Collection<ComponentHealth> components) {
    return components.stream().filter(c -> c.status() != HealthStatus.HEALTHY && c.suggestedAction() != null)
        .sorted(Comparator.comparing((ComponentHealth c) -> !c.critical()).thenComparing(ComponentHealth::status, WORST_FIRST))
        .map(c -> new SystemStatus.Action(c.id(), c.name(), c.status(), c.suggestedAction()))
        .toList();
  }

}
