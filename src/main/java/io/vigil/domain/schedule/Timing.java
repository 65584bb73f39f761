package io.vigil.domain.schedule;

import java.time.Duration;
import java.time.ZoneId;
import java.util.Objects;

/** When a schedule falls due: a cron expression read in a time zone, or a fixed interval. */
public sealed interface Timing {

  /** @param expression five fields (minute hour day-of-month month day-of-week), Unix cron; read in {@code zone} */
  record Cron(String expression, ZoneId zone) implements Timing {
    public Cron {
      Objects.requireNonNull(expression, "expression");
      Objects.requireNonNull(zone, "zone");
    }

    @Override
    public String describe() {
      return "cron '" + expression + "' in " + zone.getId();
    }
  }

  /** Due every {@code interval}, counted from the schedule's start (or the epoch when it has none). */
  record Every(Duration interval) implements Timing {
    public Every {
      if (interval == null || interval.toMillis() < 1) throw new IllegalArgumentException("interval must be >= 1 ms");
    }

    @Override
    public String describe() {
      return "every " + interval.toMillis() + " ms";
    }
  }

  String describe();
}
