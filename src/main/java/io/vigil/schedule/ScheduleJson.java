package io.vigil.schedule;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vigil.domain.Millis;
import io.vigil.domain.schedule.ScheduleSpec;
import io.vigil.domain.schedule.ScheduleState;
import io.vigil.domain.schedule.TaskTemplate;
import io.vigil.domain.schedule.Timing;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;

/** A schedule as the API shows it: its definition in the file's keys, its progress and its next run times. */
final class ScheduleJson {
  static final int NEXT_RUNS = 3;

  private ScheduleJson() {}

  static JsonObject toJson(ScheduleSpec spec, ScheduleState state, long enqueuedHere, Planner planner, Instant now) {
    JsonObject json = definition(spec).put("source", spec.source().wireName());
    Instant from = state == null || state.cursor().isBefore(now) ? now : state.cursor();
    List<Instant> next = planner.upcoming(spec, from, NEXT_RUNS);
    json.put("next_run_at", next.isEmpty() ? null : Millis.format(next.get(0)));
    json.put("next_runs", new JsonArray(next.stream().map(Millis::format).toList()));
    if (state != null) {
      json.put("last_run_at", Millis.format(state.lastDue()));
      json.put("last_task_id", state.lastTaskId());
      json.put("skipped", state.skipped());
    }
    json.put("enqueued_by_this_leader", enqueuedHere);
    return json;
  }

  /** The schedule in the keys it was written with (file or API). */
  static JsonObject definition(ScheduleSpec spec) {
    JsonObject json = new JsonObject().put("id", spec.id()).put("task", task(spec.template()));
    if (spec.timing() instanceof Timing.Cron cron) {
      json.put("cron", cron.expression()).put("time_zone", cron.zone().getId());
    } else {
      json.put("every", ((Timing.Every) spec.timing()).interval().toMillis() + "ms");
    }
    if (spec.start() != null) json.put("start", Millis.format(spec.start()));
    if (spec.end() != null) json.put("end", Millis.format(spec.end()));
    return json.put("overlap", spec.overlap().wireName()).put("catch_up", spec.catchUp().wireName());
  }

  static String describe(ScheduleSpec spec) {
    return spec.template().type() + ", " + spec.timing().describe();
  }

  private static JsonObject task(TaskTemplate t) {
    JsonObject json = new JsonObject().put("type", t.type());
    if (t.queue() != null) json.put("queue", t.queue());
    json.put("payload", new JsonObject(new LinkedHashMap<>(t.payload())));
    if (t.priority() != null) json.put("priority", t.priority());
    if (t.maxAttempts() != null) json.put("max_attempts", t.maxAttempts());
    return json;
  }
}
