package io.vigil.schedule;

import io.vigil.domain.schedule.CatchUp;
import io.vigil.domain.schedule.Overlap;
import io.vigil.domain.schedule.ScheduleSpec;
import io.vigil.domain.schedule.ScheduleState;
import io.vigil.testing.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PlannerTest {
  private final MutableClock clock = MutableClock.startingAt("2026-03-27T12:00:00Z");
  private final Planner planner = new Planner(clock);

  private static Instant at(String text) {
    return Instant.parse(text);
  }

  private static List<String> local(List<Instant> times, String zone) {
    return times.stream().map(t -> ZonedDateTime.ofInstant(t, ZoneId.of(zone)).toLocalDateTime().toString()).toList();
  }

  @Test
  void aCronExpressionIsReadInTheSchedulesTimeZone() {
    ScheduleSpec nineInTokyo = Schedules.cron("tokyo", "0 9 * * *", "Asia/Tokyo");
    ScheduleSpec nineInNewYork = Schedules.cron("ny", "0 9 * * *", "America/New_York");

    assertThat(planner.nextAfter(nineInTokyo, at("2026-03-27T12:00:00Z"))).contains(at("2026-03-28T00:00:00Z"));
    assertThat(planner.nextAfter(nineInNewYork, at("2026-03-27T12:00:00Z"))).contains(at("2026-03-27T13:00:00Z"));
  }

  @Test
  void aDailyCronKeepsItsWallClockTimeAcrossTheSpringDaylightSavingChange() {
    ScheduleSpec nineInBerlin = Schedules.cron("berlin", "0 9 * * *", "Europe/Berlin");

    List<Instant> next = planner.upcoming(nineInBerlin, at("2026-03-28T00:00:00Z"), 2);

    // 09:00 CET is 08:00Z; after the change on the 29th, 09:00 CEST is 07:00Z
    assertThat(next).containsExactly(at("2026-03-28T08:00:00Z"), at("2026-03-29T07:00:00Z"));
    assertThat(local(next, "Europe/Berlin")).containsExactly("2026-03-28T09:00", "2026-03-29T09:00");
  }

  @Test
  void aTimeInTheSkippedSpringHourDoesNotOccurThatDayAndTheScheduleGoesOnTheNext() {
    ScheduleSpec halfPastTwo = Schedules.cron("dst", "30 2 * * *", "Europe/Berlin");

    List<Instant> next = planner.upcoming(halfPastTwo, at("2026-03-28T00:00:00Z"), 2);

    // 02:30 does not exist on the 29th (02:00 CET jumps to 03:00 CEST): no run that day, none doubled
    assertThat(local(next, "Europe/Berlin")).containsExactly("2026-03-28T02:30", "2026-03-30T02:30");
    assertThat(next).containsExactly(at("2026-03-28T01:30:00Z"), at("2026-03-30T00:30:00Z"));
  }

  @Test
  void theRepeatedHourOfTheAutumnChangeRunsOnce() {
    ScheduleSpec halfPastTwo = Schedules.cron("dst", "30 2 * * *", "Europe/Berlin");

    List<Instant> next = planner.upcoming(halfPastTwo, at("2026-10-24T12:00:00Z"), 2);

    // 02:30 happens twice on the 25th (CEST, then CET): one run, then the next day's
    assertThat(local(next, "Europe/Berlin")).containsExactly("2026-10-25T02:30", "2026-10-26T02:30");
  }

  @Test
  void anEveryScheduleFallsDueOnMultiplesOfItsIntervalFromItsStart() {
    ScheduleSpec every = Schedules.between(Schedules.every("e", Duration.ofMinutes(15)),
        at("2026-03-27T12:05:00Z"), null);

    assertThat(planner.upcoming(every, at("2026-03-27T12:00:00Z"), 3))
        .containsExactly(at("2026-03-27T12:05:00Z"), at("2026-03-27T12:20:00Z"), at("2026-03-27T12:35:00Z"));
  }

  @Test
  void nothingIsDueBeforeTheStartNorAfterTheEnd() {
    ScheduleSpec hourly = Schedules.between(Schedules.every("h", Duration.ofHours(1)),
        at("2026-03-27T14:00:00Z"), at("2026-03-27T16:00:00Z"));
    ScheduleState state = ScheduleState.fresh("h", clock.instant());

    assertThat(planner.upcoming(hourly, clock.instant(), 10))
        .containsExactly(at("2026-03-27T14:00:00Z"), at("2026-03-27T15:00:00Z"), at("2026-03-27T16:00:00Z"));
    assertThat(planner.decide(hourly, state, false).nothingDue()).isTrue();

    clock.set(at("2026-03-27T20:00:00Z"));
    ScheduleState afterLast = new ScheduleState("h", at("2026-03-27T16:00:00Z"), at("2026-03-27T16:00:00Z"), "t", 0);
    assertThat(planner.decide(hourly, afterLast, false).nothingDue()).isTrue();
    assertThat(planner.wakeUp(hourly, afterLast)).isEmpty();
  }

  @Test
  void aDueTimeIsEnqueuedOnceAndThenHandled() {
    ScheduleSpec minutely = Schedules.every("m", Duration.ofMinutes(1));
    ScheduleState state = ScheduleState.fresh("m", clock.instant());

    clock.advance(Duration.ofSeconds(60));
    Planner.Decision decision = planner.decide(minutely, state, false);
    ScheduleState next = decision.after(state, "task-1");

    assertThat(decision.enqueue()).isEqualTo(at("2026-03-27T12:01:00Z"));
    assertThat(next.cursor()).isEqualTo(at("2026-03-27T12:01:00Z"));
    assertThat(next.lastTaskId()).isEqualTo("task-1");
    assertThat(planner.decide(minutely, next, false).nothingDue()).isTrue();
  }

  @Test
  void withOverlapSkipADueTimeIsSkippedWhileThePreviousRunStillWaitsOrRuns() {
    ScheduleSpec skip = Schedules.with(Schedules.every("s", Duration.ofMinutes(1)), Overlap.SKIP, CatchUp.ONE);
    ScheduleSpec allow = Schedules.with(skip, Overlap.ALLOW, CatchUp.ONE);
    ScheduleState ran = new ScheduleState("s", at("2026-03-27T12:00:00Z"), at("2026-03-27T12:00:00Z"), "t0", 0);
    clock.advance(Duration.ofSeconds(61));

    Planner.Decision skipped = planner.decide(skip, ran, true);

    assertThat(skipped.enqueue()).isNull();
    assertThat(skipped.skipped()).isEqualTo(Planner.Skip.OVERLAP);
    assertThat(skipped.after(ran, null)).isEqualTo(
        new ScheduleState("s", at("2026-03-27T12:01:00Z"), at("2026-03-27T12:00:00Z"), "t0", 1));
    assertThat(planner.decide(skip, ran, false).enqueue()).isEqualTo(at("2026-03-27T12:01:00Z"));
    assertThat(planner.decide(allow, ran, true).enqueue()).isEqualTo(at("2026-03-27T12:01:00Z"));
  }

  @Test
  void withCatchUpOneTheLatestMissedDueTimeIsEnqueuedOnceOnReturn() {
    ScheduleSpec minutely = Schedules.every("c", Duration.ofMinutes(1));
    ScheduleState before = new ScheduleState("c", at("2026-03-27T12:00:00Z"), at("2026-03-27T12:00:00Z"), "t0", 0);
    clock.set(at("2026-03-27T12:10:30Z")); // ten due times passed while no node ran

    Planner.Decision decision = planner.decide(minutely, before, false);
    ScheduleState after = decision.after(before, "t1");

    assertThat(decision.enqueue()).isEqualTo(at("2026-03-27T12:10:00Z"));
    assertThat(planner.decide(minutely, after, false).nothingDue()).isTrue();
    assertThat(planner.wakeUp(minutely, after)).contains(at("2026-03-27T12:11:00Z"));
  }

  @Test
  void withCatchUpNoneMissedDueTimesAreSkippedButAnOnTimeOneRuns() {
    ScheduleSpec none = Schedules.with(Schedules.every("n", Duration.ofMinutes(1)), Overlap.ALLOW, CatchUp.NONE);
    ScheduleState before = new ScheduleState("n", at("2026-03-27T12:00:00Z"), at("2026-03-27T12:00:00Z"), "t0", 0);

    clock.set(at("2026-03-27T12:10:30Z"));
    Planner.Decision missed = planner.decide(none, before, false);
    assertThat(missed.enqueue()).isNull();
    assertThat(missed.skipped()).isEqualTo(Planner.Skip.MISSED);

    ScheduleState after = missed.after(before, null);
    clock.set(at("2026-03-27T12:11:01Z"));
    assertThat(planner.decide(none, after, false).enqueue()).isEqualTo(at("2026-03-27T12:11:00Z"));
  }

  @Test
  void aCronScheduleMissedOverADaylightSavingChangeCatchesUpItsLatestDueTimeOnly() {
    ScheduleSpec hourly = Schedules.cron("h", "0 * * * *", "Europe/Berlin");
    ScheduleState before = new ScheduleState("h", at("2026-03-28T23:00:00Z"), null, null, 0);
    clock.set(at("2026-03-29T03:20:00Z")); // 05:20 CEST: 01:00, 03:00 (02:00 never was), 04:00, 05:00 passed

    Planner.Decision decision = planner.decide(hourly, before, false);

    assertThat(decision.enqueue()).isEqualTo(at("2026-03-29T03:00:00Z"));
  }
}
