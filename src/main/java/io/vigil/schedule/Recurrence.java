package io.vigil.schedule;

import com.cronutils.model.time.ExecutionTime;
import io.vigil.config.CronExpressions;
import io.vigil.domain.schedule.Timing;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Optional;

/**
 * The due times of a {@link Timing}, without a schedule's start and end: strictly after an instant, and the latest at
 * or before one. Cron times are computed in the schedule's zone by cron-utils, so daylight-saving changes follow the
 * wall clock (a time skipped by a spring-forward does not occur that day; a repeated hour runs once).
 */
abstract class Recurrence {

  static Recurrence of(Timing timing, Instant anchor) {
    if (timing instanceof Timing.Every every) return new Every(every.interval(), anchor);
    Timing.Cron cron = (Timing.Cron) timing;
    return new Cron(ExecutionTime.forCron(CronExpressions.parse(cron.expression())), cron.zone());
  }

  abstract Optional<Instant> nextAfter(Instant t);

  abstract Optional<Instant> latestAtOrBefore(Instant t);

  /** Multiples of the interval from the anchor (the schedule's start, or the epoch). */
  private static final class Every extends Recurrence {
    private final long interval;
    private final long anchor;

    Every(Duration interval, Instant anchor) {
      this.interval = interval.toMillis();
      this.anchor = anchor == null ? 0 : anchor.toEpochMilli();
    }

    @Override
    Optional<Instant> nextAfter(Instant t) {
      long at = t.toEpochMilli();
      if (at < anchor) return Optional.of(Instant.ofEpochMilli(anchor));
      return Optional.of(Instant.ofEpochMilli(anchor + ((at - anchor) / interval + 1) * interval));
    }

    @Override
    Optional<Instant> latestAtOrBefore(Instant t) {
      long at = t.toEpochMilli();
      if (at < anchor) return Optional.empty();
      return Optional.of(Instant.ofEpochMilli(anchor + (at - anchor) / interval * interval));
    }
  }

  private static final class Cron extends Recurrence {
    private final ExecutionTime times;
    private final ZoneId zone;

    Cron(ExecutionTime times, ZoneId zone) {
      this.times = times;
      this.zone = zone;
    }

    @Override
    Optional<Instant> nextAfter(Instant t) {
      return times.nextExecution(ZonedDateTime.ofInstant(t, zone)).map(ZonedDateTime::toInstant);
    }

    @Override
    Optional<Instant> latestAtOrBefore(Instant t) {
      // cron-utils answers strictly before the instant it is given: ask from just after t, then step back once if
      // that landed after t (a due time is a whole minute, so one step back is enough)
      Optional<ZonedDateTime> found = times.lastExecution(ZonedDateTime.ofInstant(t.plusSeconds(1), zone));
      if (found.isPresent() && found.get().toInstant().isAfter(t)) found = times.lastExecution(found.get());
      return found.map(ZonedDateTime::toInstant);
    }
  }
}
