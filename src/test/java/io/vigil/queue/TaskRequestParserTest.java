package io.vigil.queue;

import io.vertx.core.json.JsonObject;
import io.vigil.bus.FailureException;
import io.vigil.config.ConfigLoader;
import io.vigil.config.QueueSlice;
import io.vigil.config.VigilConfig;
import io.vigil.testing.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class TaskRequestParserTest {
  final MutableClock clock = MutableClock.startingAt("2026-05-01T08:00:00Z");
  final VigilConfig config = ConfigLoader.fromYaml("""
      queues: {default: {}, bulk: {}}
      task_types: {mail: {queue: bulk, max_attempts: 4}}
      """, "test", Map.of(), Set.of("noop", "http", "eventbus"));
  final TaskRequestParser parser = new TaskRequestParser(() -> QueueSlice.of(config), clock);

  @Test
  void aMinimalRequestTakesTheTypesQueueAndAttemptsAndNormalPriority() {
    TaskRequest request = parser.parse(new JsonObject().put("type", "mail"), "");

    assertThat(request.queue()).isEqualTo("bulk");
    assertThat(request.maxAttempts()).isEqualTo(4);
    assertThat(request.priority()).isEqualTo(5);
    assertThat(request.payload()).isEqualTo("{}");
    assertThat(request.runAt()).isNull();
    assertThat(request.fingerprint()).as("no key, no fingerprint").isNull();
  }

  @Test
  void aGroupIsKeptAndIsPartOfTheFingerprintOnlyWhenGiven() {
    JsonObject plain = new JsonObject().put("type", "mail").put("idempotency_key", "k");
    TaskRequest grouped = parser.parse(plain.copy().put("group", "tenant-7"), "");

    assertThat(grouped.group()).isEqualTo("tenant-7");
    assertThat(parser.parse(plain, "").group()).isNull();
    assertThat(parser.parse(plain, "").fingerprint()).as("ungrouped fingerprints are unchanged")
        .isEqualTo(TaskRequestParser.fingerprint("mail", "bulk", null));
    assertThat(grouped.fingerprint()).isNotEqualTo(parser.parse(plain, "").fingerprint());
  }

  @Test
  void delayMsBecomesARunAtFromTheClock() {
    TaskRequest request = parser.parse(new JsonObject().put("type", "mail").put("delay_ms", 1500), "");

    assertThat(request.runAt()).isEqualTo(clock.instant().plus(Duration.ofMillis(1500)));
  }

  @Test
  void theFingerprintIgnoresKeyOrderButNotValues() {
    JsonObject a = new JsonObject().put("type", "mail").put("idempotency_key", "k")
        .put("payload", new JsonObject().put("x", 1).put("y", new JsonObject().put("p", 1).put("q", 2)));
    JsonObject b = new JsonObject().put("type", "mail").put("idempotency_key", "k")
        .put("payload", new JsonObject().put("y", new JsonObject().put("q", 2).put("p", 1)).put("x", 1));
    JsonObject c = a.copy().put("payload", new JsonObject().put("x", 2));

    assertThat(parser.parse(a, "").fingerprint()).isEqualTo(parser.parse(b, "").fingerprint());
    assertThat(parser.parse(a, "").fingerprint()).isNotEqualTo(parser.parse(c, "").fingerprint());
  }

  @Test
  void theSamePayloadForAnotherTypeHasAnotherFingerprint() {
    JsonObject mail = new JsonObject().put("type", "mail").put("idempotency_key", "k");
    JsonObject noop = new JsonObject().put("type", "noop").put("idempotency_key", "k");

    assertThat(parser.parse(mail, "").fingerprint()).isNotEqualTo(parser.parse(noop, "").fingerprint());
  }

  @Test
  void errorsCarryThePathPrefix() {
    FailureException e = catchThrowableOfType(FailureException.class,
        () -> parser.parse(new JsonObject().put("priority", "soon"), "tasks[4]."));

    assertThat(e.failure().status()).isEqualTo(422);
    assertThat(e.failure().errors()).extracting(f -> f.field()).containsExactlyInAnyOrder("tasks[4].type", "tasks[4].priority");
  }
}
