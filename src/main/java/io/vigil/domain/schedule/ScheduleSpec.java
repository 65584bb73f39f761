package io.vigil.domain.schedule;

import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

/**
 * One recurring task: what to enqueue ({@code template}), when ({@code timing}, only within {@code start}..{@code end}
 * when given), and what to do with an overlapping run or a missed due time.
 *
 * @param start  no due time before it; null: none
 * @param end    no due time after it; null: none
 * @param source where it is defined: the configuration file or the API
 */
public record ScheduleSpec(String id, TaskTemplate template, Timing timing, Instant start, Instant end,
                           Overlap overlap, CatchUp catchUp, Source source) {

  public enum Source {
    CONFIG, API;

    public String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public ScheduleSpec {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(template, "template");
    Objects.requireNonNull(timing, "timing");
    Objects.requireNonNull(overlap, "overlap");
    Objects.requireNonNull(catchUp, "catchUp");
    Objects.requireNonNull(source, "source");
    if (start != null && end != null && !end.isAfter(start)) throw new IllegalArgumentException("end must be after start");
  }
}
