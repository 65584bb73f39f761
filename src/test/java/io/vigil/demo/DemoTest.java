package io.vigil.demo;

import io.vigil.config.ConfigSource;
import io.vigil.config.ComponentConfig;
import io.vigil.config.VigilConfig;
import io.vigil.queue.handler.HandlerRegistry;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("The demo's set-up")
class DemoTest {

  @Test
  void itsConfigurationLoadsAndWatchesTheFlakyDependencyOnThePortTheDemoServes() {
    Demo demo = Demo.standard();

    VigilConfig config = ConfigSource.ofText(demo.configuration(), "demo", Map.of(), HandlerRegistry.availableNames())
        .load().config();

    assertThat(demo.configuration()).doesNotContain(Demo.FLAKY_PORT);
    ComponentConfig payments = config.components().get("demo-payments");
    assertThat(payments.dependsOn()).containsExactly("demo-gateway");
    assertThat(config.components()).containsKeys("demo-gateway", "vigil-eventloop");
    assertThat(config.taskTypes()).containsKeys("charge", "send-email", "resize-image");
  }

  @Test
  void theDependencyIsFineThenSlowThenDownEarlyInEveryCycleThenFineAgain() {
    long cycle = Flapping.CYCLE.toMillis();

    assertThat(Flapping.at(0)).isEqualTo(Flapping.Phase.OK);
    assertThat(Flapping.at(19_999)).isEqualTo(Flapping.Phase.OK);
    assertThat(Flapping.at(20_000)).isEqualTo(Flapping.Phase.SLOW);
    assertThat(Flapping.at(30_000)).isEqualTo(Flapping.Phase.DOWN);
    assertThat(Flapping.at(49_999)).isEqualTo(Flapping.Phase.DOWN);
    assertThat(Flapping.at(50_000)).isEqualTo(Flapping.Phase.OK);
    assertThat(Flapping.at(cycle - 1)).isEqualTo(Flapping.Phase.OK);
    assertThat(Flapping.at(cycle + 35_000)).isEqualTo(Flapping.Phase.DOWN);
  }
}
