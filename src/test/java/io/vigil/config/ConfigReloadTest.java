package io.vigil.config;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** What a reload applies, what waits for the restart, and what the node runs afterwards. */
class ConfigReloadTest {
  static final ConfigSource SOURCE = ConfigSource.ofText(null, "vigil.yaml", Map.of("VIGIL_HTTP_PORT", "9000"),
      ConfigLoaderTest.HANDLERS);

  static LoadedConfig load(String yaml) {
    return SOURCE.parse(yaml);
  }

  @Test
  void aLiveChangeIsAppliedAndNamedByItsKeyPath() {
    LoadedConfig running = load("queues: {mail: {concurrency: 2}}");

    ConfigReload.Outcome outcome = ConfigReload.apply(running, load("queues: {mail: {concurrency: 8, rate_limit_per_second: 5}}"));

    assertThat(outcome.changes().applied()).containsExactly("queues.mail.concurrency", "queues.mail.rate_limit_per_second");
    assertThat(outcome.changes().restartRequired()).isEmpty();
    assertThat(outcome.changes().sections()).containsExactly("queues");
    assertThat(outcome.running().config().queues().get("mail").concurrency()).isEqualTo(8);
    assertThat(outcome.running().config().queues().get("mail").rateLimitPerSecond()).isEqualTo(5.0);
  }

  @Test
  void aChangedDefaultsSectionIsReportedWithEveryEntryItReaches() {
    ConfigReload.Outcome outcome = ConfigReload.apply(load(null), load("task_type_defaults: {timeout_ms: 5000}"));

    assertThat(outcome.changes().applied()).containsExactly("task_type_defaults.timeout_ms", "task_types.noop.timeout_ms");
    assertThat(outcome.running().config().taskTypes().get("noop").timeout()).isEqualTo(Duration.ofSeconds(5));
  }

  @Test
  void aRestartOnlyChangeIsReportedAndTheRunningValueKept() {
    LoadedConfig running = load(null);

    ConfigReload.Outcome outcome = ConfigReload.apply(running,
        load("http: {body_limit_bytes: 2048}\nredis: {prefix: other}\nqueues: {default: {concurrency: 3}}"));

    assertThat(outcome.changes().restartRequired()).containsExactly("http.body_limit_bytes", "redis.prefix");
    assertThat(outcome.changes().applied()).containsExactly("queues.default.concurrency");
    assertThat(outcome.running().config().http().bodyLimitBytes()).isEqualTo(running.config().http().bodyLimitBytes());
    assertThat(outcome.running().config().redis().prefix()).isEqualTo("vigil");
    assertThat(outcome.running().settings()).containsEntry("http.body_limit_bytes", "1048576")
        .containsEntry("queues.default.concurrency", "3");
  }

  @Test
  void aRestartOnlyChangeIsStillReportedOnTheNextReloadUntilTheRestart() {
    ConfigReload.Outcome first = ConfigReload.apply(load(null), load("stream: {ring_size: 10}"));

    ConfigReload.Outcome second = ConfigReload.apply(first.running(), load("stream: {ring_size: 10}\nqueues: {default: {concurrency: 4}}"));

    assertThat(second.changes().restartRequired()).containsExactly("stream.ring_size");
    assertThat(second.changes().applied()).containsExactly("queues.default.concurrency");
  }

  @Test
  void aNewQueueTaskTypeAndComponentAreAppliedLive() {
    ConfigReload.Outcome outcome = ConfigReload.apply(load(null), load("""
        queues: {mail: {}}
        task_types: {welcome: {queue: mail}}
        components: {smtp: {probe: {type: tcp, host: smtp.internal, port: 25}}}
        """));

    assertThat(outcome.changes().restartRequired()).isEmpty();
    assertThat(outcome.changes().sections()).containsExactly("components", "queues", "task_types");
    assertThat(outcome.running().config().queues()).containsKeys("default", "mail");
    assertThat(outcome.running().config().taskTypes()).containsKey("welcome");
    assertThat(outcome.running().config().components()).containsKey("smtp");
  }

  @Test
  void aRemovedQueueRunsOnUntilTheRestartWhileARemovedComponentGoesAtOnce() {
    LoadedConfig running = load("queues: {mail: {}}\ncomponents: {smtp: {probe: {type: tcp, host: smtp, port: 25}}}");

    ConfigReload.Outcome outcome = ConfigReload.apply(running, load(null));

    assertThat(outcome.changes().restartRequired()).contains("queues.mail.concurrency").allMatch(p -> p.startsWith("queues.mail"));
    assertThat(outcome.changes().applied()).allMatch(p -> p.startsWith("components.smtp"));
    assertThat(outcome.running().config().queues()).containsKey("mail");
    assertThat(outcome.running().config().components()).doesNotContainKey("smtp");
    assertThat(outcome.running().settings()).containsKey("queues.mail.concurrency").doesNotContainKey("components.smtp.name");
  }

  @Test
  void theSameFileAgainChangesNothing() {
    LoadedConfig running = load("queues: {mail: {concurrency: 2}}");

    assertThat(ConfigReload.apply(running, load("queues: {mail: {concurrency: 2}}")).changes().isEmpty()).isTrue();
  }

  @Test
  void anInvalidCandidateIsRefusedWithEveryReasonBeforeAnythingIsCompared() {
    ConfigException e = catchThrowableOfType(ConfigException.class,
        () -> load("queues: {default: {concurrency: 0, concurency: 5}}\nhttp: {body_limit_bytes: 1}"));

    assertThat(e.problems()).containsExactlyInAnyOrder(
        "queues.default.concurrency: 0 is out of range [1, 100000]",
        "queues.default.concurency: unknown key — did you mean concurrency?",
        "http.body_limit_bytes: 1 is out of range [1024, 67108864]");
  }

  @Test
  void aFileThatLeavesAVariableMatchingNothingIsRefusedNamingTheVariable() {
    ConfigSource source = ConfigSource.ofText(null, "vigil.yaml", Map.of("VIGIL_QUEUES_MAIL_CONCURRENCY", "4"),
        ConfigLoaderTest.HANDLERS);
    LoadedConfig running = source.parse("queues: {mail: {}}");

    ConfigException e = catchThrowableOfType(ConfigException.class, () -> source.parse("queues: {post: {}}"));

    assertThat(running.config().queues().get("mail").concurrency()).isEqualTo(4);
    assertThat(e.problems()).containsExactly("VIGIL_QUEUES_MAIL_CONCURRENCY: matches no setting"
        + " — did you mean VIGIL_QUEUES_POST_CONCURRENCY?");
  }

  @Test
  void theEnvironmentStillWinsOverTheReloadedFile() {
    ConfigReload.Outcome outcome = ConfigReload.apply(load(null), load("http: {port: 7000}"));

    assertThat(outcome.changes().isEmpty()).isTrue();
    assertThat(outcome.running().config().http().port()).isEqualTo(9000);
  }

  @Test
  void theReloadedSettingsHideSecretsWhenShown() {
    assertThat(Secrets.maskSetting("auth.tokens", "ci:admin:0123456789abcdef")).isEqualTo("****");
    assertThat(Secrets.maskSetting("components.mq.probe.url", "amqp://app:hunter2@rabbit")).isEqualTo("amqp://app:****@rabbit");
    assertThat(Secrets.maskSetting("components.api.probe.headers.Authorization", "Bearer x")).isEqualTo("****");
    assertThat(Secrets.maskSetting("queues.default.concurrency", "5")).isEqualTo("5");
  }
}
