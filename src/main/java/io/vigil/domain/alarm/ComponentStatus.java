package io.vigil.domain.alarm;

/**
 * A component's health as the alarm engine sees it, and its numeric code in {@code component.status} samples
 * (so a rule can say {@code component.status == 2} for "unhealthy" or {@code >= 1} for "degraded or worse";
 * UNKNOWN is negative and matches neither). Mirrors {@code domain/health/HealthStatus} (issue 13, another branch):
 * once both are merged this maps 1:1 onto it.
 */
public enum ComponentStatus {
  HEALTHY(0), DEGRADED(1), UNHEALTHY(2), UNKNOWN(-1);

  private final int code;

  ComponentStatus(int code) {
    this.code = code;
  }

  public int code() {
    return code;
  }
}
