package io.vigil.domain.alarm;

import org.junit.jupiter.api.Test;

import java.util.List;

import static io.vigil.domain.health.HealthStatus.HEALTHY;
import static io.vigil.domain.health.HealthStatus.UNHEALTHY;
import static io.vigil.domain.alarm.EngineHarness.t;
import static io.vigil.domain.alarm.Rules.*;
import static org.assertj.core.api.Assertions.assertThat;

class StopRequestTest {
  private final EngineHarness h = new EngineHarness(ROUTING, componentDown().stop(true).build());

  @Test
  void aStopRuleThatFiresAsksForTheStopOnce() {
    Decisions d = h.component("database", "postgres", UNHEALTHY);
    h.component("database", "postgres", UNHEALTHY);
    h.tickEvery(min(1), min(30));
    h.record(h.engine.acknowledge("alarm-1", "ada", ""));

    assertThat(d.stopRequests()).singleElement().satisfies(s -> {
      assertThat(s.alarm().id()).isEqualTo("alarm-1");
      assertThat(s.reason()).isEqualTo("rule component-down fired: database is down");
      assertThat(s.entry().kind()).isEqualTo(TimelineEntry.Kind.STOP_REQUESTED);
    });
    assertThat(stops()).hasSize(1);
  }

  @Test
  void eachNewFiringAsksAgain() {
    h.component("database", "postgres", UNHEALTHY);
    h.clock.advance(min(1));
    h.component("database", "postgres", HEALTHY);
    h.clock.advance(min(1));

    h.component("database", "postgres", UNHEALTHY);

    assertThat(stops()).extracting(s -> s.alarm().id(), s -> s.entry().at()).containsExactly(
        org.assertj.core.groups.Tuple.tuple("alarm-1", t(min(0))),
        org.assertj.core.groups.Tuple.tuple("alarm-2", t(min(2))));
  }

  @Test
  void aSilencedStopRuleStillStopsTheLineButSendsNoMessage() {
    h.record(h.engine.addSilence(new Silence("s1", List.of(LabelMatcher.eq("component", "database")), h.now(),
        h.now().plusSeconds(3600), "ada", "")));

    h.component("database", "postgres", UNHEALTHY);

    assertThat(stops()).hasSize(1);
    assertThat(h.notifications()).isEmpty();
  }

  @Test
  void aRuleWithoutStopNeverAsks() {
    EngineHarness plain = new EngineHarness(ROUTING, componentDown().build());
    plain.component("database", "postgres", UNHEALTHY);

    assertThat(plain.log).noneMatch(StopRequest.class::isInstance);
  }

  private List<StopRequest> stops() {
    return h.log.stream().filter(StopRequest.class::isInstance).map(StopRequest.class::cast).toList();
  }
}
