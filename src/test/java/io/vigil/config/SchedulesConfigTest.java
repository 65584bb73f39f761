package io.vigil.config;

import io.vigil.domain.schedule.CatchUp;
import io.vigil.domain.schedule.Overlap;
import io.vigil.domain.schedule.ScheduleSpec;
import io.vigil.domain.schedule.TaskTemplate;
import io.vigil.domain.schedule.Timing;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The {@code schedules:} section: both timings, defaults, every bad key named, live on reload. */
class SchedulesConfigTest {
  static final String TYPES = """
      task_types:
        email: {handler: noop}
      """;

  static VigilConfig load(String yaml) {
    return ConfigLoader.fromYaml(TYPES + yaml, "test.yaml", Map.of(), ConfigLoaderTest.HANDLERS);
  }

  static List<String> problems(String yaml) {
    return catchThrowableOfType(ConfigException.class, () -> load(yaml)).problems();
  }

  @Test
  void aCronScheduleAndAnEveryScheduleAreReadWithTheirDefaults() {
    VigilConfig config = load("""
        schedules:
          nightly: {task: {type: email, payload: {report: daily, to: [ops]}, priority: high}, cron: "0 6 * * 1-5",
                    time_zone: Europe/Berlin}
          sync: {task: {type: email, queue: default, max_attempts: 2}, every: 15m, start: 2026-01-01T00:00:00Z,
                 end: "2026-12-31T23:59:59Z", overlap: allow, catch_up: none}
        """);

    ScheduleSpec nightly = config.schedules().get("nightly");
    assertThat(nightly.timing()).isEqualTo(new Timing.Cron("0 6 * * 1-5", ZoneId.of("Europe/Berlin")));
    assertThat(nightly.template()).isEqualTo(new TaskTemplate("email", null,
        Map.of("report", "daily", "to", List.of("ops")), 8, null));
    assertThat(nightly.overlap()).isEqualTo(Overlap.SKIP);
    assertThat(nightly.catchUp()).isEqualTo(CatchUp.ONE);
    assertThat(nightly.source()).isEqualTo(ScheduleSpec.Source.CONFIG);
    ScheduleSpec sync = config.schedules().get("sync");
    assertThat(sync.timing()).isEqualTo(new Timing.Every(Duration.ofMinutes(15)));
    assertThat(sync.start()).isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
    assertThat(sync.end()).isEqualTo(Instant.parse("2026-12-31T23:59:59Z"));
    assertThat(sync.template().queue()).isEqualTo("default");
    assertThat(sync.overlap()).isEqualTo(Overlap.ALLOW);
    assertThat(sync.catchUp()).isEqualTo(CatchUp.NONE);
  }

  @Test
  void everyBadKeyIsNamedWhereItIsWritten() {
    assertThat(problems("""
        schedules:
          a: {task: {type: emial}, cron: "0 25 * * *", time_zone: Mars/Base}
          b: {task: {type: email, queue: nowhere, priority: urgent}, every: 0s}
          c: {task: {type: email}, every: 1m, cron: "* * * * *"}
          d: {task: {type: email}, every: 1h, start: 2026-02-01T00:00:00Z, end: 2026-01-01T00:00:00Z, overlap: maybe}
          e: {task: {type: email}}
          "bad id!": {task: {type: email}, every: 1h, colour: red}
        """)).anySatisfy(p -> assertThat(p).startsWith("schedules.a.task.type: 'emial'").contains("did you mean email"))
        .anySatisfy(p -> assertThat(p).startsWith("schedules.a.cron:"))
        .anySatisfy(p -> assertThat(p).startsWith("schedules.b.task.queue:"))
        .anySatisfy(p -> assertThat(p).startsWith("schedules.b.task.priority:"))
        .anySatisfy(p -> assertThat(p).startsWith("schedules.b.every:"))
        .anySatisfy(p -> assertThat(p).startsWith("schedules.c.every: give cron or every, not both"))
        .anySatisfy(p -> assertThat(p).startsWith("schedules.d.end: must be after start"))
        .anySatisfy(p -> assertThat(p).startsWith("schedules.d.overlap:"))
        .anySatisfy(p -> assertThat(p).startsWith("schedules.e.cron: is required"))
        .anySatisfy(p -> assertThat(p).startsWith("schedules.bad id!"))
        .anySatisfy(p -> assertThat(p).startsWith("schedules.bad id!.colour"));
  }

  @Test
  void aBadTimeZoneIsNamed() {
    assertThat(problems("""
        schedules:
          a: {task: {type: email}, cron: "0 6 * * *", time_zone: Mars/Base}
        """)).singleElement().asString().startsWith("schedules.a.time_zone:");
  }

  @Test
  void schedulesAreALiveSectionAndAPayloadChangeIsAChange() {
    assertThat(ReloadPolicy.isLive("schedules.nightly.cron", false)).isTrue();
    assertThat(ReloadPolicy.isLive("schedules.nightly", true)).isTrue();
    LoadedConfig before = ConfigSource.ofText(TYPES + "schedules: {s: {task: {type: email, payload: {a: 1}}, every: 1m}}",
        "t.yaml", Map.of(), ConfigLoaderTest.HANDLERS).load();
    LoadedConfig after = ConfigSource.ofText(TYPES + "schedules: {s: {task: {type: email, payload: {a: 2}}, every: 1m}}",
        "t.yaml", Map.of(), ConfigLoaderTest.HANDLERS).load();

    ConfigReload.Outcome outcome = ConfigReload.apply(before, after);

    assertThat(outcome.changes().touches("schedules")).isTrue();
    assertThat(outcome.running().config().schedules().get("s").template().payload()).containsEntry("a", 2);
  }
}
