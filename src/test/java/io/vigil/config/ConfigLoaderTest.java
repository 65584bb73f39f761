package io.vigil.config;

import io.vigil.domain.BackendFallback;
import io.vigil.domain.Jitter;
import io.vigil.domain.Role;
import io.vigil.domain.SystemMode;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConfigLoaderTest {
  static final Set<String> HANDLERS = Set.of("noop", "http", "eventbus");

  static VigilConfig load(String yaml, Map<String, String> env) {
    return ConfigLoader.fromYaml(yaml, "test.yaml", env, HANDLERS);
  }

  static ConfigException failure(String yaml, Map<String, String> env) {
    return (ConfigException) org.assertj.core.api.Assertions.catchThrowable(() -> load(yaml, env));
  }

  @Test
  void theBundledDefaultsStartAnEmbeddedLoopbackServiceOnMemory() {
    VigilConfig config = load(null, Map.of());

    assertThat(config.http().host()).isEqualTo("127.0.0.1");
    assertThat(config.http().port()).isEqualTo(8080);
    assertThat(config.http().bodyLimitBytes()).isEqualTo(1024 * 1024);
    assertThat(config.redis().enabled()).isFalse();
    assertThat(config.pg().enabled()).isFalse();
    assertThat(config.auth().enabled()).isFalse();
    assertThat(config.queues()).containsOnlyKeys("default");
    assertThat(config.taskTypes()).containsOnlyKeys("noop");
    assertThat(config.taskType("noop").orElseThrow().queue()).isEqualTo("default");
    assertThat(config.system().mode()).isEqualTo(SystemMode.ASYNC_QUEUE);
    assertThat(config.system().fallback()).isEqualTo(BackendFallback.SYNC_DIRECT);
  }

  @Test
  void anEnvironmentVariableOverridesItsKeyPathInUpperSnakeCase() {
    VigilConfig config = load(null, Map.of(
        "VIGIL_HTTP_PORT", "9090",
        "VIGIL_REDIS_URL", "redis://cache:6379/0",
        "VIGIL_QUEUES_DEFAULT_CONCURRENCY", "7",
        "VIGIL_TASK_TYPES_NOOP_BACKOFF_JITTER", "none"));

    assertThat(config.http().port()).isEqualTo(9090);
    assertThat(config.redis().url()).isEqualTo("redis://cache:6379/0");
    assertThat(config.queues().get("default").concurrency()).isEqualTo(7);
    assertThat(config.taskTypes().get("noop").retry().jitter()).isEqualTo(Jitter.NONE);
  }

  @Test
  void theUsersFileOverridesTheDefaultsAndTheEnvironmentOverridesTheFile() {
    VigilConfig config = load("http: {port: 7000, host: localhost}", Map.of("VIGIL_HTTP_PORT", "7001"));

    assertThat(config.http().port()).isEqualTo(7001);
    assertThat(config.http().host()).isEqualTo("localhost");
  }

  @Test
  void aNewQueueAndTaskTypeTakeTheirMissingKeysFromTheDefaultSections() {
    VigilConfig config = load("""
        queues:
          mail: {concurrency: 3}
        task_types:
          welcome: {queue: mail, handler: eventbus, backoff: {base_ms: 50}}
        """, Map.of());

    QueueConfig mail = config.queues().get("mail");
    assertThat(mail.concurrency()).isEqualTo(3);
    assertThat(mail.lease()).isEqualTo(Duration.ofSeconds(30));
    TaskTypeConfig welcome = config.taskTypes().get("welcome");
    assertThat(welcome.retry().base()).isEqualTo(Duration.ofMillis(50));
    assertThat(welcome.retry().factor()).isEqualTo(2.0);
    assertThat(welcome.maxAttempts()).isEqualTo(5);
    assertThat(config.queues()).containsKey("default");
  }

  @Test
  void aBadValueNamesTheKeyAndTheAllowedValues() {
    ConfigException e = failure("system: {fallback: maybe}", Map.of());

    assertThat(e.problems()).containsExactly("system.fallback: 'maybe' is not one of [reject, sync_direct]");
  }

  @Test
  void aBadEnvironmentValueNamesTheKey() {
    ConfigException e = failure(null, Map.of("VIGIL_HTTP_PORT", "eighty"));

    assertThat(e.problems()).containsExactly("http.port: 'eighty' is not a whole number");
  }

  @Test
  void outOfRangeNumbersAreRejected() {
    ConfigException e = failure("queues: {default: {concurrency: 0}}", Map.of());

    assertThat(e.getMessage()).contains("queues.default.concurrency: 0 is out of range");
  }

  @Test
  void anUnknownKeyStopsTheStartAndNamesTheClosestKnownKey() {
    ConfigException e = failure("http: {prot: 80}\nqueues: {default: {concurency: 5}}", Map.of());

    assertThat(e.problems()).containsExactlyInAnyOrder("http.prot: unknown key — did you mean port?",
        "queues.default.concurency: unknown key — did you mean concurrency?");
  }

  @Test
  void aMisspelledEnvironmentVariableStopsTheStartAndNamesTheClosestVariable() {
    ConfigException e = failure(null, Map.of("VIGIL_QUEUES_DEFAULT_CONCURENCY", "5", "VIGIL_PORT", "80",
        "VIGIL_NOTHING_LIKE_ANYTHING", "x"));

    assertThat(e.problems()).containsExactlyInAnyOrder(
        "VIGIL_QUEUES_DEFAULT_CONCURENCY: matches no setting — did you mean VIGIL_QUEUES_DEFAULT_CONCURRENCY?",
        "VIGIL_PORT: matches no setting — did you mean VIGIL_HTTP_PORT?",
        "VIGIL_NOTHING_LIKE_ANYTHING: matches no setting");
  }

  @Test
  void variablesOfVigilsOwnScriptsAndOtherProgramsAreNotSettings() {
    VigilConfig config = load(null, Map.of("VIGIL_TEST_PG_URL", "x", "VIGIL_BENCH_REDIS_URL", "x", "VIGIL_JAR", "x",
        "PATH", "/bin", "REDIS_URL", "redis://elsewhere"));

    assertThat(config.redis().enabled()).isFalse();
  }

  @Test
  void anEnvironmentVariableCannotCreateAnEntryTheFileDoesNotHave() {
    ConfigException e = failure(null, Map.of("VIGIL_QUEUES_BILLING_CONCURRENCY", "5"));

    assertThat(e.problems()).singleElement().asString()
        .startsWith("VIGIL_QUEUES_BILLING_CONCURRENCY: matches no setting — did you mean VIGIL_QUEUES_DEFAULT_CONCURRENCY");
  }

  @Test
  void aDefaultsSectionSetFromTheEnvironmentReachesEveryEntryThatDoesNotSetTheKey() {
    VigilConfig config = load("queues: {mail: {concurrency: 3}}", Map.of("VIGIL_QUEUE_DEFAULTS_CONCURRENCY", "7",
        "VIGIL_TASK_TYPE_DEFAULTS_BACKOFF_JITTER", "none"));

    assertThat(config.queues().get("default").concurrency()).isEqualTo(7);
    assertThat(config.queues().get("mail").concurrency()).isEqualTo(3);
    assertThat(config.taskTypes().get("noop").retry().jitter()).isEqualTo(Jitter.NONE);
  }

  @Test
  void aKeyWrittenTwiceIsRefusedRatherThanTheLastOneWinning() {
    assertThatThrownBy(() -> load("http:\n  port: 1\n  port: 2\n", Map.of())).isInstanceOf(ConfigException.class)
        .hasMessageContaining("test.yaml: not valid YAML").hasMessageContaining("duplicate key");
  }

  @Test
  void everyProblemIsReportedAtOnce() {
    ConfigException e = failure("http: {port: -1}\nlog: {format: xml}", Map.of());

    assertThat(e.problems()).hasSize(2);
  }

  @Test
  void aTaskTypeMustNameAConfiguredQueueAndAKnownHandler() {
    ConfigException e = failure("task_types: {x: {queue: nowhere, handler: carrier-pigeon}}", Map.of());

    assertThat(e.problems()).anyMatch(p -> p.startsWith("task_types.x.queue: 'nowhere' is not one of the queues"))
        .anyMatch(p -> p.startsWith("task_types.x.handler: 'carrier-pigeon' is not one of"));
  }

  @Test
  void theHttpHandlerNeedsAnAbsoluteTargetUrl() {
    ConfigException e = failure("task_types: {hook: {handler: http, target: /relative}}", Map.of());

    assertThat(e.problems()).containsExactly("task_types.hook.target: the http handler needs an absolute http:// or https:// URL");
  }

  @Test
  void withoutTokensVigilRefusesToBindAnythingButLoopback() {
    ConfigException e = failure("http: {host: 0.0.0.0}", Map.of());

    assertThat(e.getMessage()).contains("http.host").contains("not loopback").contains("VIGIL_AUTH_TOKENS");
  }

  @Test
  void withTokensAnyAddressMayBeBound() {
    VigilConfig config = load("http: {host: 0.0.0.0}", Map.of("VIGIL_AUTH_TOKENS", "ci:admin:0123456789abcdef0123"));

    assertThat(config.auth().tokens()).singleElement().satisfies(t -> {
      assertThat(t.name()).isEqualTo("ci");
      assertThat(t.role()).isEqualTo(Role.ADMIN);
    });
  }

  @Test
  void aMalformedTokenListIsRejectedWithoutEchoingTheSecret() {
    ConfigException e = failure(null, Map.of("VIGIL_AUTH_TOKENS", "ops:superuser:supersecretvalue123,short:viewer:abc"));

    assertThat(e.getMessage()).contains("role 'superuser' of token 'ops'").contains("shorter than 16")
        .doesNotContain("supersecretvalue123").doesNotContain(":abc");
  }

  @Test
  void aTokenNeverShowsItsSecretWhenPrinted() {
    VigilConfig config = load(null, Map.of("VIGIL_AUTH_TOKENS", "ci:admin:0123456789abcdef0123"));

    assertThat(config.auth().tokens().get(0).toString()).doesNotContain("0123456789abcdef0123");
  }

  @Test
  void connectionUrlsAreMaskedWhenPrinted() {
    VigilConfig config = load(null, Map.of("VIGIL_REDIS_URL", "redis://app:hunter2@cache:6379",
        "VIGIL_PG_URL", "postgresql://vigil:s3cret@db:5432/vigil"));

    assertThat(config.redis().toString()).contains("app:****@cache").doesNotContain("hunter2");
    assertThat(config.pg().toString()).doesNotContain("s3cret");
  }

  @Test
  void notYamlIsReportedWithTheFileName() {
    assertThatThrownBy(() -> load("http: [unclosed", Map.of())).isInstanceOf(ConfigException.class)
        .hasMessageContaining("test.yaml: not valid YAML");
  }
}
