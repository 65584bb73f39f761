package io.vigil.domain.health;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static io.vigil.domain.health.HealthStatus.DEGRADED;
import static io.vigil.domain.health.HealthStatus.HEALTHY;
import static io.vigil.domain.health.HealthStatus.UNHEALTHY;
import static io.vigil.domain.health.HealthStatus.UNKNOWN;
import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("A health status as a number and as the worst of a minute")
class HealthStatusTest {

  @Test
  void aRuleCanAskForUnhealthyOrForDegradedOrWorseAndUnknownMatchesNeither() {
    assertThat(UNHEALTHY.code()).isEqualTo(2);
    assertThat(DEGRADED.code()).isEqualTo(1);
    assertThat(HEALTHY.code()).isZero();
    assertThat(UNKNOWN.code()).isNegative();
  }

  @Test
  void unknownIsWorseThanDegradedButNotAsBadAsUnhealthy() {
    assertThat(HEALTHY.worse(DEGRADED)).isEqualTo(DEGRADED);
    assertThat(DEGRADED.worse(UNKNOWN)).isEqualTo(UNKNOWN);
    assertThat(UNKNOWN.worse(DEGRADED)).isEqualTo(UNKNOWN);
    assertThat(UNKNOWN.worse(UNHEALTHY)).isEqualTo(UNHEALTHY);
    assertThat(UNHEALTHY.worse(HEALTHY)).isEqualTo(UNHEALTHY);
    for (HealthStatus status : HealthStatus.values()) assertThat(status.worse(status)).isEqualTo(status);
  }
}
