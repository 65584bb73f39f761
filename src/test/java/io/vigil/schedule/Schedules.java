package io.vigil.schedule;

import io.vigil.domain.schedule.CatchUp;
import io.vigil.domain.schedule.Overlap;
import io.vigil.domain.schedule.ScheduleSpec;
import io.vigil.domain.schedule.TaskTemplate;
import io.vigil.domain.schedule.Timing;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;

/** Schedule specs for tests. */
final class Schedules {
  private Schedules() {}

  static final TaskTemplate TEMPLATE = new TaskTemplate("email", null, Map.of("report", "daily"), null, null);

  static ScheduleSpec cron(String id, String expression, String zone) {
    return new ScheduleSpec(id, TEMPLATE, new Timing.Cron(expression, ZoneId.of(zone)), null, null, Overlap.ALLOW,
        CatchUp.ONE, ScheduleSpec.Source.CONFIG);
  }

  static ScheduleSpec every(String id, Duration interval) {
    return new ScheduleSpec(id, TEMPLATE, new Timing.Every(interval), null, null, Overlap.ALLOW, CatchUp.ONE,
        ScheduleSpec.Source.CONFIG);
  }

  static ScheduleSpec with(ScheduleSpec s, Overlap overlap, CatchUp catchUp) {
    return new ScheduleSpec(s.id(), s.template(), s.timing(), s.start(), s.end(), overlap, catchUp, s.source());
  }

  static ScheduleSpec between(ScheduleSpec s, Instant start, Instant end) {
    return new ScheduleSpec(s.id(), s.template(), s.timing(), start, end, s.overlap(), s.catchUp(), s.source());
  }
}
