package io.vigil.domain.fact;

import io.vigil.domain.Event;
import io.vigil.domain.Severity;
import io.vigil.domain.SystemMode;
import io.vigil.domain.breaker.BreakerState;
import io.vigil.domain.breaker.BreakerTrigger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("The audit and stream view of a fact")
class FactViewTest {

  @Test
  void everyFactTypeHasASampleAndAViewWithTheFactsIdTimeAndADottedType() {
    assertThat(FactSamples.all().stream().map(Object::getClass).distinct())
        .containsExactlyInAnyOrderElementsOf(Arrays.asList(Fact.class.getPermittedSubclasses()));
    for (Fact fact : FactSamples.all()) {
      Event event = FactView.event(fact);

      assertThat(event.id()).isEqualTo(fact.id());
      assertThat(event.time()).isEqualTo(fact.at());
      assertThat(event.type()).matches("[a-z_]+(\\.[a-z_]+)+");
      assertThat(event.message()).isNotBlank();
      assertThat(event.details().values()).doesNotContainNull();
    }
  }

  @Test
  void aDeadLetterReadsAsItAlwaysHasInTheAuditLog() {
    Event event = FactView.event(new TaskDeadLettered(FactSamples.stamp(1), "t1", "email", "default", 5, "HTTP 500"));

    assertThat(event.type()).isEqualTo("task.dead_lettered");
    assertThat(event.severity()).isEqualTo(Severity.WARNING);
    assertThat(event.component()).isEqualTo("queue:default");
    assertThat(event.actor()).isEqualTo("system");
    assertThat(event.message()).isEqualTo("task t1 (email) dead-lettered after 5 attempt(s): HTTP 500");
    assertThat(event.details()).containsOnlyKeys("task_id", "type", "queue", "attempts", "error");
  }

  @Test
  void anOperatorsActionNamesTheOperatorAndLeavesOutAReasonNotGiven() {
    Event paused = FactView.event(new QueueStateChanged(FactSamples.stamp(2), "mail", true, "bob", "maintenance"));
    Event resumed = FactView.event(new QueueStateChanged(FactSamples.stamp(3), "mail", false, "bob", null));

    assertThat(paused.type()).isEqualTo("queue.paused");
    assertThat(paused.actor()).isEqualTo("bob");
    assertThat(paused.details()).containsEntry("reason", "maintenance").containsEntry("paused", true);
    assertThat(resumed.type()).isEqualTo("queue.resumed");
    assertThat(resumed.severity()).isEqualTo(Severity.INFO);
    assertThat(resumed.details()).doesNotContainKey("reason");
  }

  @Test
  void aModeChangeIsCriticalWhenWorkStopsOrIsRefusedAndInfoBackToNormal() {
    assertThat(mode(SystemMode.STOPPED, false).view().severity()).isEqualTo(Severity.CRITICAL);
    assertThat(mode(SystemMode.ASYNC_QUEUE, true).view().severity()).isEqualTo(Severity.CRITICAL);
    assertThat(mode(SystemMode.ASYNC_QUEUE, true).view().message()).startsWith("new work is refused");
    assertThat(mode(SystemMode.PAUSED, false).view().severity()).isEqualTo(Severity.WARNING);
    assertThat(mode(SystemMode.ASYNC_QUEUE, false).view().severity()).isEqualTo(Severity.INFO);
    assertThat(FactView.event(mode(SystemMode.PAUSED, false)).details())
        .containsOnlyKeys("mode", "previous", "configured", "fallback_active", "reason", "node");
  }

  @Test
  void aLeaderChangeSaysWhoLeadsNowAndOnlyTheNodeItIsAboutActsOnIt() {
    LeaderChanged gained = new LeaderChanged(FactSamples.stamp(4), "b", true, "b", FactSamples.stamp(4).at(), "a",
        "the lease of a expired");

    assertThat(gained.view().message()).isEqualTo("node b leads (was a): the lease of a expired");
    assertThat(gained.roleOf("b")).contains(true);
    assertThat(gained.roleOf("a")).isEmpty();
    assertThat(FactView.event(gained).details()).containsEntry("since", "2025-03-01T12:00:04.123Z");
  }

  @Test
  void anInstantInTheDetailsIsWrittenWithExactlyThreeDecimalsLikeEveryTimeVigilShows() {
    LeaderChanged onTheSecond = new LeaderChanged(FactSamples.stamp(4), "b", true, "b",
        Instant.parse("2025-03-01T12:00:00Z"), null, "first node up");

    assertThat(FactView.event(onTheSecond).details()).containsEntry("since", "2025-03-01T12:00:00.000Z");
  }

  @Test
  void everyTimeInEverySamplesDetailsHasExactlyThreeDecimalsEvenOnAWholeSecond() {
    List<Object> times = FactSamples.all().stream().flatMap(fact -> FactView.event(fact).details().values().stream())
        .filter(value -> value instanceof String text && text.matches("\\d{4}-\\d\\d-\\d\\dT.*")).toList();

    // FactSamples holds whole-second instants (previous_since, starts_at, fired_at, next_attempt_at), which
    // Instant.toString() would print without decimals
    assertThat(times).hasSizeGreaterThanOrEqualTo(4).allSatisfy(time ->
        assertThat((String) time).matches(io.vigil.store.TaskTimesTest.MILLIS));
    assertThat(times).contains("2025-03-01T11:00:00.000Z", "2025-03-01T12:01:00.000Z", "2025-03-01T12:00:09.000Z");
  }

  @Test
  void aReloadSaysWhatWasAppliedAndWarnsWhenSomethingWaitsForARestart() {
    ConfigReloaded live = new ConfigReloaded(FactSamples.stamp(6), "n1", "file", "system",
        List.of("queues.work.concurrency"), List.of(), List.of("queues"));
    ConfigReloaded waits = new ConfigReloaded(FactSamples.stamp(7), "n1", "api", "alice", List.of(),
        List.of("http.port"), List.of());

    assertThat(live.view().type()).isEqualTo("config.reloaded");
    assertThat(live.view().severity()).isEqualTo(Severity.INFO);
    assertThat(live.view().message()).isEqualTo("configuration reloaded (file): 1 setting(s) applied");
    assertThat(live.view().details()).containsOnlyKeys("applied", "restart_required", "sections", "node", "trigger")
        .containsEntry("applied", List.of("queues.work.concurrency"));
    assertThat(waits.view().severity()).isEqualTo(Severity.WARNING);
    assertThat(waits.view().actor()).isEqualTo("alice");
    assertThat(waits.view().message()).endsWith(", 1 wait for a restart");
  }

  @Test
  void aRefusedReloadIsAWarningThatListsEveryProblem() {
    Event refused = new ConfigReloadFailed(FactSamples.stamp(8), "n2", "file", "system",
        List.of("a: bad", "b: worse")).view();

    assertThat(refused.type()).isEqualTo("config.reload.failed");
    assertThat(refused.severity()).isEqualTo(Severity.WARNING);
    assertThat(refused.message()).isEqualTo("configuration reload (file) refused: 2 problem(s)");
    assertThat(refused.details()).containsEntry("problems", List.of("a: bad", "b: worse")).containsEntry("node", "n2");
  }

  @Test
  void aBreakerThatRefusesCallsIsAWarningAndOneThatLetsThemThroughIsInfo() {
    Event opened = breaker(BreakerState.CLOSED, BreakerState.OPEN, BreakerTrigger.FAILURE_RATE).view();
    Event forced = breaker(BreakerState.CLOSED, BreakerState.FORCED_OPEN, BreakerTrigger.FORCE_OPEN).view();
    Event trial = breaker(BreakerState.OPEN, BreakerState.HALF_OPEN, BreakerTrigger.OPEN_ELAPSED).view();
    Event closed = breaker(BreakerState.HALF_OPEN, BreakerState.CLOSED, BreakerTrigger.TRIALS_PASSED).view();

    assertThat(opened.type()).isEqualTo("breaker.state.changed");
    assertThat(opened.component()).isEqualTo("breaker:http:api.example:443");
    assertThat(opened.message()).isEqualTo(
        "circuit breaker http:api.example:443 closed -> open (failure_rate, failure rate 63%)");
    assertThat(opened.details()).containsEntry("from", "closed").containsEntry("to", "open")
        .containsEntry("reason", "failure_rate").containsEntry("failure_rate", 62.5).containsEntry("node", "n1");
    assertThat(List.of(opened.severity(), forced.severity())).containsOnly(Severity.WARNING);
    assertThat(List.of(trial.severity(), closed.severity())).containsOnly(Severity.INFO);
  }

  private static BreakerStateChanged breaker(BreakerState from, BreakerState to, BreakerTrigger reason) {
    return new BreakerStateChanged(FactSamples.stamp(9), "n1", "http:api.example:443", from, to, 62.5, reason);
  }

  private static ModeChanged mode(SystemMode mode, boolean rejects) {
    return new ModeChanged(FactSamples.stamp(5), mode, SystemMode.PAUSED, SystemMode.ASYNC_QUEUE, rejects, rejects, "root",
        "why", "n1");
  }

  @Test
  void stampsAreTimeOrderedAndInMilliseconds() {
    Stamps stamps = new Stamps(io.vigil.testing.MutableClock.startingAt("2025-01-01T00:00:00.123456Z"));
    List<Stamp> two = List.of(stamps.next(), stamps.next());

    assertThat(two.get(0).at()).isEqualTo("2025-01-01T00:00:00.123Z");
    assertThat(two.get(0).id()).isLessThan(two.get(1).id());
  }
}
