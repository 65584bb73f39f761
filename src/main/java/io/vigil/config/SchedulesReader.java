package io.vigil.config;

import io.vigil.domain.Priority;
import io.vigil.domain.schedule.CatchUp;
import io.vigil.domain.schedule.Overlap;
import io.vigil.domain.schedule.ScheduleSpec;
import io.vigil.domain.schedule.TaskTemplate;
import io.vigil.domain.schedule.Timing;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads {@code schedules:} (a map by id) and a schedule posted to the API, with one set of rules: a task template
 * naming a configured task type (and queue), {@code cron} + {@code time_zone} or {@code every}, optional
 * {@code start}/{@code end}, {@code overlap: skip|allow} (default skip), {@code catch_up: one|none} (default one).
 */
final class SchedulesReader {
  static final String ID_PATTERN = "[A-Za-z0-9._-]{1,64}";
  static final Duration MIN_EVERY = Duration.ofSeconds(1);
  static final Duration MAX_EVERY = Duration.ofDays(366);
  private static final Map<String, Overlap> OVERLAPS = ConfigReader.byWireName(Overlap.values(), Overlap::wireName);
  private static final Map<String, CatchUp> CATCH_UPS = ConfigReader.byWireName(CatchUp.values(), CatchUp::wireName);

  private SchedulesReader() {}

  static Map<String, ScheduleSpec> read(ConfigReader root, Map<String, TaskTypeConfig> types, Set<String> queues) {
    Map<String, ScheduleSpec> out = new LinkedHashMap<>();
    root.entries("schedules", null).forEach((id, entry) -> {
      if (!id.matches(ID_PATTERN)) entry.problem("", "a schedule id must match " + ID_PATTERN);
      if (!entry.bool("enabled", true)) return;
      ScheduleSpec spec = spec(entry, id, types, queues, ScheduleSpec.Source.CONFIG);
      if (spec != null) out.put(id, spec);
    });
    return Map.copyOf(out);
  }

  /** A schedule from an API body ({@code id} plus the file's keys); throws {@link ConfigException} naming each bad key. */
  static ScheduleSpec parse(Map<String, Object> body, Map<String, TaskTypeConfig> types, Set<String> queues) {
    ConfigReader r = new ConfigReader(body, Map.of());
    String id = r.requiredString("id");
    if (!id.isEmpty() && !id.matches(ID_PATTERN)) r.problem("id", "must match " + ID_PATTERN);
    ScheduleSpec spec = spec(r, id, types, queues, ScheduleSpec.Source.API);
    r.reportUnread(body, Set.of(), List.of());
    if (!r.problems().isEmpty()) throw new ConfigException(r.problems());
    return spec;
  }

  private static ScheduleSpec spec(ConfigReader r, String id, Map<String, TaskTypeConfig> types, Set<String> queues,
                                   ScheduleSpec.Source source) {
    int before = r.problems().size();
    TaskTemplate template = template(r.child("task"), types, queues);
    Timing timing = timing(r);
    Instant start = r.instant("start");
    Instant end = r.instant("end");
    if (start != null && end != null && !end.isAfter(start)) r.problem("end", "must be after start");
    Overlap overlap = r.has("overlap") ? r.oneOf("overlap", OVERLAPS, Overlap.SKIP) : Overlap.SKIP;
    CatchUp catchUp = r.has("catch_up") ? r.oneOf("catch_up", CATCH_UPS, CatchUp.ONE) : CatchUp.ONE;
    if (r.problems().size() > before || template == null || timing == null || id.isEmpty()) return null;
    return new ScheduleSpec(id, template, timing, start, end, overlap, catchUp, source);
  }

  private static TaskTemplate template(ConfigReader t, Map<String, TaskTypeConfig> types, Set<String> queues) {
    String type = t.requiredString("type");
    TaskTypeConfig typeConfig = types.get(type);
    if (!type.isEmpty() && typeConfig == null) {
      t.problem("type", "'" + type + "' is not a task type under task_types"
          + Suggestions.closest(type, types.keySet()).map(s -> " — did you mean " + s + "?").orElse(""));
    }
    String queue = t.has("queue") ? t.string("queue") : null;
    if (queue != null && !queues.contains(queue)) {
      t.problem("queue", "'" + queue + "' is not a queue under queues"
          + Suggestions.closest(queue, queues).map(s -> " — did you mean " + s + "?").orElse(""));
    }
    Integer priority = null;
    Object p = t.raw("priority");
    if (p != null) {
      priority = p instanceof Integer n && Priority.isValid(n) ? n : Priority.parse(String.valueOf(p)).orElse(null);
      if (priority == null) t.problem("priority", "must be 0..9 (9 runs first) or one of high, normal, low");
    }
    Integer maxAttempts = t.has("max_attempts") ? t.integer("max_attempts", 1, 1000) : null;
    Map<String, Object> payload = t.freeMap("payload");
    return typeConfig == null ? null : new TaskTemplate(type, queue, payload, priority, maxAttempts);
  }

  private static Timing timing(ConfigReader r) {
    boolean cron = r.has("cron");
    boolean every = r.has("every");
    if (cron == every) {
      r.problem(cron ? "every" : "cron", cron ? "give cron or every, not both" : "is required (or every)");
      return null;
    }
    if (every) {
      Duration interval = r.duration("every", null, MIN_EVERY, MAX_EVERY);
      if (r.has("time_zone")) r.problem("time_zone", "applies to cron only");
      return interval == null ? null : new Timing.Every(interval);
    }
    String expression = r.string("cron");
    try {
      CronExpressions.parse(expression);
    } catch (RuntimeException e) {
      r.problem("cron", "'" + expression + "' is not a cron expression of five fields (minute hour day-of-month "
          + "month day-of-week): " + e.getMessage());
      return null;
    }
    String zoneName = r.string("time_zone", "UTC");
    try {
      return new Timing.Cron(expression, ZoneId.of(zoneName));
    } catch (DateTimeException e) {
      r.problem("time_zone", "'" + zoneName + "' is not a time zone such as Europe/Berlin or UTC");
      return null;
    }
  }
}
