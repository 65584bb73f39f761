package io.vigil.queue;

import io.vigil.domain.QueueStats;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** An idle node's statistics rounds read the same; only a change, or a refresh now and then, is published. */
@DisplayName("Statistics rounds are published when they changed")
class StatsRoundsTest {
  static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

  final StatsRounds rounds = new StatsRounds();

  @Test
  void theFirstRoundIsPublished() {
    assertThat(rounds.publish(List.of(idle("default")), START)).isTrue();
  }

  @Test
  void anUnchangedRoundIsNotPublishedUntilTheLastPublicationIsTenSecondsOld() {
    rounds.publish(List.of(idle("default")), START);

    assertThat(rounds.publish(List.of(idle("default")), START.plusSeconds(1))).isFalse();
    assertThat(rounds.publish(List.of(idle("default")), START.plus(StatsRounds.REFRESH).minusMillis(1))).isFalse();
    assertThat(rounds.publish(List.of(idle("default")), START.plus(StatsRounds.REFRESH))).isTrue();
    assertThat(rounds.publish(List.of(idle("default")), START.plus(StatsRounds.REFRESH).plusSeconds(1))).isFalse();
  }

  @Test
  void aRoundThatDiffersFromTheLastPublishedIsPublishedAtOnce() {
    rounds.publish(List.of(idle("default")), START);

    assertThat(rounds.publish(List.of(waiting("default", 1, Duration.ofMillis(200))), START.plusSeconds(1))).isTrue();
  }

  @Test
  void aQueueWithWorkWaitingIsPublishedEveryRoundBecauseItsOldestTaskAges() {
    rounds.publish(List.of(waiting("default", 5, Duration.ofSeconds(1))), START);

    assertThat(rounds.publish(List.of(waiting("default", 5, Duration.ofSeconds(2))), START.plusSeconds(1))).isTrue();
    assertThat(rounds.publish(List.of(waiting("default", 5, Duration.ofSeconds(3))), START.plusSeconds(2))).isTrue();
  }

  @Test
  void aQueueAddedOrRemovedChangesTheRound() {
    rounds.publish(List.of(idle("default")), START);

    assertThat(rounds.publish(List.of(idle("default"), idle("emails")), START.plusSeconds(1))).isTrue();
    assertThat(rounds.publish(List.of(idle("emails")), START.plusSeconds(2))).isTrue();
  }

  static QueueStats idle(String queue) {
    return new QueueStats(queue, false, 0, 0, 0, 12, 0, 0, 0, 0.0, 0, START.minusSeconds(600));
  }

  static QueueStats waiting(String queue, long waiting, Duration oldest) {
    return new QueueStats(queue, false, waiting, 0, 0, 12, 0, 0, 0, 0.0, oldest.toMillis(), START.minusSeconds(600));
  }
}
