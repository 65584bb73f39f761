package io.vigil.domain.health;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * How a component is doing. {@link #TABLE} is the one transition table: which {@link Evidence} moves a status where.
 * Evidence a row does not name leaves the status as it is. Going down needs {@code failures} outcomes in a row, coming
 * back needs {@code successes} in a row ({@link HealthThresholds}); from {@link #UNKNOWN} the first real outcome
 * decides, since there is no earlier verdict to protect from flapping.
 */
public enum HealthStatus {
  HEALTHY(0, 0), DEGRADED(1, 1), UNHEALTHY(2, 3), UNKNOWN(-1, 2);

  private final int code;
  private final int rank;

  HealthStatus(int code, int rank) {
    this.code = code;
    this.rank = rank;
  }

  /** What the recent outcomes show, strongest first within each outcome kind. */
  public enum Evidence {
    /** {@code successes} ok outcomes in a row. */
    OKS,
    /** {@code successes} outcomes in a row that answered (ok or degraded). */
    ANSWERS,
    /** {@code failures} failed outcomes in a row. */
    FAILURES,
    /** {@code failures} outcomes in a row that were not ok (degraded or failed). */
    TROUBLE,
    /** {@code failures} outcomes in a row that could not tell (unknown). */
    UNKNOWNS,
    /** One ok outcome. */
    OK,
    /** One degraded outcome. */
    DEGRADED,
    /** One failed outcome. */
    FAILED
  }

  private static final Map<HealthStatus, Map<Evidence, HealthStatus>> TABLE = new EnumMap<>(Map.of(
      UNKNOWN, new EnumMap<>(Map.of(Evidence.OK, HEALTHY, Evidence.DEGRADED, DEGRADED, Evidence.FAILED, UNHEALTHY)),
      HEALTHY, new EnumMap<>(Map.of(Evidence.FAILURES, UNHEALTHY, Evidence.TROUBLE, DEGRADED,
          Evidence.UNKNOWNS, UNKNOWN)),
      DEGRADED, new EnumMap<>(Map.of(Evidence.FAILURES, UNHEALTHY, Evidence.OKS, HEALTHY, Evidence.UNKNOWNS, UNKNOWN)),
      UNHEALTHY, new EnumMap<>(Map.of(Evidence.OKS, HEALTHY, Evidence.ANSWERS, DEGRADED, Evidence.UNKNOWNS, UNKNOWN))));

  /** Where {@code evidence} moves this status; empty when the table has no such move. */
  public Optional<HealthStatus> next(Evidence evidence) {
    return Optional.ofNullable(TABLE.get(this).get(evidence));
  }

  /** Whether the table has a move from this status to {@code to} at all. */
  public boolean canMoveTo(HealthStatus to) {
    return TABLE.get(this).containsValue(to);
  }

  /**
   * The status as a number in samples and gauges ({@code component.status}): 0 healthy, 1 degraded, 2 unhealthy, so a
   * rule can say {@code == 2} for "unhealthy" or {@code >= 1} for "degraded or worse"; UNKNOWN is -1 and matches
   * neither.
   */
  public int code() {
    return code;
  }

  /**
   * The worse of the two, as a roll-up keeps the worst status of a minute: healthy, degraded, unknown (the probe could
   * not tell), unhealthy. {@code store/pg/PgProbeRollupStore} ranks them in the same order in SQL.
   */
  public HealthStatus worse(HealthStatus other) {
    return other.rank > rank ? other : this;
  }

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<HealthStatus> fromWire(String name) {
    for (HealthStatus status : values()) {
      if (status.wireName().equals(name)) return Optional.of(status);
    }
    return Optional.empty();
  }
}
