package io.vigil.domain.alarm;

import io.vigil.domain.alarm.NotificationIntent.Kind;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.vigil.domain.alarm.AlarmMetrics.QUEUE_BACKLOG;
import static io.vigil.domain.alarm.EngineHarness.t;
import static io.vigil.domain.alarm.Rules.*;
import static org.assertj.core.api.Assertions.assertThat;

class GroupingTest {
  private final EngineHarness h = new EngineHarness(ROUTING,
      backlog().forDuration(min(0)).clearFor(min(0)).groupWindow(sec(30)).build());

  @Test
  void theFirstFiringOfARuleGoesOutAtOnceAndTheNextOnesInTheWindowGoTogether() {
    h.sample(QUEUE_BACKLOG, 150, "queue", "a");
    h.clock.advance(sec(5));
    h.sample(QUEUE_BACKLOG, 150, "queue", "b");
    h.clock.advance(sec(5));
    h.sample(QUEUE_BACKLOG, 150, "queue", "c");

    h.tickEvery(sec(1), sec(31));

    assertThat(h.notifications()).extracting(NotificationIntent::at, this::queues).containsExactly(
        org.assertj.core.groups.Tuple.tuple(t(sec(0)), List.of("a")),
        org.assertj.core.groups.Tuple.tuple(t(sec(30)), List.of("b", "c")));
    assertThat(h.notifications().get(1).grouped()).isTrue();
    assertThat(h.notifications().get(1).keys()).containsExactly("alarm-2/firing", "alarm-3/firing");
  }

  @Test
  void aWindowThatSentSomethingOpensTheNextAndAQuietOneCloses() {
    h.sample(QUEUE_BACKLOG, 150, "queue", "a");
    h.clock.advance(sec(10));
    h.sample(QUEUE_BACKLOG, 150, "queue", "b");
    h.at(sec(30)); // b goes out, the next window runs to 60
    h.clock.set(t(sec(40)));
    h.sample(QUEUE_BACKLOG, 150, "queue", "c"); // held to 60
    h.at(sec(60));
    h.at(sec(90)); // nothing held: the window closes
    h.clock.set(t(sec(100)));
    h.sample(QUEUE_BACKLOG, 150, "queue", "d"); // at once

    assertThat(h.notifications(Kind.FIRING)).extracting(NotificationIntent::at, this::queues).containsExactly(
        org.assertj.core.groups.Tuple.tuple(t(sec(0)), List.of("a")),
        org.assertj.core.groups.Tuple.tuple(t(sec(30)), List.of("b")),
        org.assertj.core.groups.Tuple.tuple(t(sec(60)), List.of("c")),
        org.assertj.core.groups.Tuple.tuple(t(sec(100)), List.of("d")));
  }

  @Test
  void seriesTrippedByOneBatchOfSamplesGoOutAsOneMessage() {
    Decisions d = h.record(h.engine.onSamples(List.of(
        new Sample(QUEUE_BACKLOG, Labels.of("queue", "a"), 150, h.now()),
        new Sample(QUEUE_BACKLOG, Labels.of("queue", "b"), 150, h.now()),
        new Sample(QUEUE_BACKLOG, Labels.of("queue", "c"), 150, h.now()))));

    assertThat(d.notifications()).singleElement().satisfies(n -> {
      assertThat(queues(n)).containsExactly("a", "b", "c");
      assertThat(n.channels()).containsExactly("slack");
    });
  }

  @Test
  void aHeldAlarmThatResolvesBeforeTheWindowEndsSendsNothingAtAll() {
    h.sample(QUEUE_BACKLOG, 150, "queue", "a");
    h.clock.advance(sec(1));
    h.sample(QUEUE_BACKLOG, 150, "queue", "b");
    h.clock.advance(sec(10));
    h.sample(QUEUE_BACKLOG, 10, "queue", "b");

    h.tickEvery(sec(1), sec(40));

    assertThat(h.notifications()).extracting(this::queues).containsExactly(List.of("a"));
  }

  @Test
  void aHeldAlarmAcknowledgedBeforeTheWindowEndsIsNotSent() {
    h.sample(QUEUE_BACKLOG, 150, "queue", "a");
    h.clock.advance(sec(1));
    h.sample(QUEUE_BACKLOG, 150, "queue", "b");
    h.record(h.engine.acknowledge("alarm-2", "ada", "seen on the dashboard"));

    h.tickEvery(sec(1), sec(40));

    assertThat(h.notifications()).extracting(this::queues).containsExactly(List.of("a"));
  }

  @Test
  void firingsInSeparateCallsAtTheSameInstantAsTheFirstGoOutAtOnce() {
    Decisions a = h.sample(QUEUE_BACKLOG, 150, "queue", "a");
    Decisions b = h.sample(QUEUE_BACKLOG, 150, "queue", "b");

    assertThat(a.notifications()).hasSize(1);
    assertThat(b.notifications()).hasSize(1);
  }

  @Test
  void resolvesAreNeverHeldBackByTheWindow() {
    h.sample(QUEUE_BACKLOG, 150, "queue", "a");
    h.clock.advance(sec(2));

    Decisions d = h.sample(QUEUE_BACKLOG, 10, "queue", "a");

    assertThat(d.notifications()).extracting(NotificationIntent::kind).containsExactly(Kind.RESOLVED);
  }

  @Test
  void alarmsOfDifferentRulesNeverShareAMessage() {
    AlarmRule high = backlog().forDuration(min(0)).groupWindow(sec(30)).build();
    EngineHarness two = new EngineHarness(ROUTING, high, AlarmRule.builder("backlog-severe")
        .metric(QUEUE_BACKLOG).when(Comparison.GT, 1000).groupWindow(sec(30)).summary("severe").build());

    Decisions d = two.sample(QUEUE_BACKLOG, 5000, "queue", "a");

    assertThat(d.notifications()).extracting(NotificationIntent::rule).containsExactly("backlog", "backlog-severe");
  }

  private List<String> queues(NotificationIntent n) {
    return n.alarms().stream().map(a -> a.series().get("queue")).toList();
  }
}
