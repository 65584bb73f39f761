package io.vigil.demo;

import io.vigil.config.ConfigSource;
import io.vigil.config.ComponentConfig;
import io.vigil.config.ProbeSpec;
import io.vigil.config.VigilConfig;
import io.vigil.queue.handler.HandlerRegistry;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("The demo's set-up")
class DemoTest {

  @Test
  void itsConfigurationLoadsAndWatchesTheFlakyDependencyOnThePortTheDemoServes() {
    Demo demo = Demo.standard(Map.of());

    VigilConfig config = ConfigSource.ofText(demo.configuration(), "demo", Map.of(), HandlerRegistry.availableNames())
        .load().config();

    assertThat(demo.configuration()).doesNotContain(Demo.FLAKY_PORT);
    ComponentConfig payments = config.components().get("demo-payments");
    assertThat(payments.dependsOn()).containsExactly("demo-gateway");
    assertThat(config.components()).containsKeys("demo-gateway", "vigil-eventloop");
    assertThat(config.taskTypes()).containsKeys("charge", "send-email", "resize-image");
    assertThat(config.components()).doesNotContainKey("demo-imports"); // no Redis: no foreign queue
  }

  @Test
  void withARedisConfiguredItAlsoWatchesTheBullMqQueueItFillsThere() {
    String url = "redis://:s3cret,x@127.0.0.1:6379/0"; // a comma would end a YAML flow scalar unquoted
    Demo demo = Demo.standard(Map.of("VIGIL_REDIS_URL", url));

    VigilConfig config = ConfigSource.ofText(demo.configuration(), "demo", Map.of("VIGIL_REDIS_URL", url),
        HandlerRegistry.availableNames()).load().config();

    assertThat(config.components().get("demo-imports").probe()).isInstanceOfSatisfying(ProbeSpec.BullMq.class, p -> {
      assertThat(p.redisUrl()).isEqualTo(url);
      assertThat(p.prefix()).isEqualTo(ForeignBacklog.PREFIX);
      assertThat(p.queue()).isEqualTo(ForeignBacklog.QUEUE);
      assertThat(p.maxWaiting()).isEqualTo(100);
    });
  }

  @Test
  void aRestartDuringAnOutageBringsTheDependencyBackSixSecondsLaterOncePerOutage() {
    FlakyDependency dependency = new FlakyDependency(0, Clock.systemUTC());

    dependency.restart(10_000); // not down: nothing to restart
    assertThat(dependency.restarted(35_000)).isFalse();
    dependency.restart(34_000);
    dependency.restart(37_000); // the restart under way is not started again
    assertThat(dependency.restarted(39_999)).isFalse();
    assertThat(dependency.restarted(40_000)).isTrue();
    assertThat(dependency.restarted(49_999)).isTrue();
    // the next cycle's outage is its own: down until restarted again
    long next = Flapping.CYCLE.toMillis() + 35_000;
    assertThat(dependency.restarted(next)).isFalse();
    dependency.restart(next);
    assertThat(dependency.restarted(next + FlakyDependency.RESTART_TAKES.toMillis())).isTrue();
  }

  @Test
  void theForeignQueuesConsumerKeepsUpThenStallsForAMinuteThenDrainsFasterThanItFills() {
    long cycle = ForeignBacklog.CYCLE.toMillis();
    int added = ForeignBacklog.ADDED_PER_TICK;

    assertThat(ForeignBacklog.takenPerTick(0)).isEqualTo(added);
    assertThat(ForeignBacklog.takenPerTick(15_000)).isZero();
    assertThat(ForeignBacklog.takenPerTick(74_999)).isZero();
    assertThat(ForeignBacklog.takenPerTick(75_000)).isGreaterThan(added);
    assertThat(ForeignBacklog.takenPerTick(105_000)).isEqualTo(added);
    assertThat(ForeignBacklog.takenPerTick(cycle + 20_000)).isZero();
    // what a stall piles up, the drain takes away before the cycle ends
    long ticksPerSecond = 1000 / ForeignBacklog.TICK.toMillis();
    long piled = 60 * ticksPerSecond * added;
    long drained = 30 * ticksPerSecond * (ForeignBacklog.takenPerTick(75_000) - added);
    assertThat(drained).isGreaterThanOrEqualTo(piled);
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
