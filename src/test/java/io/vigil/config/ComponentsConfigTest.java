package io.vigil.config;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The {@code components:} section: per-type probe keys, defaults, references and every validation path. */
class ComponentsConfigTest {
  static VigilConfig load(String yaml, Map<String, String> env) {
    return ConfigLoader.fromYaml(yaml, "test.yaml", env, ConfigLoaderTest.HANDLERS);
  }

  static VigilConfig load(String yaml) {
    return load(yaml, Map.of());
  }

  static List<String> problems(String yaml) {
    return catchThrowableOfType(ConfigException.class, () -> load(yaml)).problems();
  }

  @Test
  void withNoConfigurationVigilWatchesItsOwnEventLoopsMemoryDiskAndQueue() {
    Map<String, ComponentConfig> components = load(null).components();

    assertThat(components.values().stream().filter(ComponentConfig::enabled).map(c -> c.probe().type()))
        .containsExactlyInAnyOrder("eventloop", "memory", "disk", "queue");
    assertThat(components.get("vigil-eventloop").critical()).isTrue();
    assertThat(components.get("vigil-queue-default").probe()).isInstanceOf(ProbeSpec.Queue.class);
    assertThat(components.get("vigil-disk").kind()).isEqualTo(ComponentKind.STORAGE);
  }

  @Test
  void theSelfProbesOfRedisAndPostgresAreEnabledOnlyWhenVigilUsesThem() {
    VigilConfig config = load(null, Map.of("VIGIL_REDIS_URL", "redis://127.0.0.1:6379", "VIGIL_PG_URL",
        "postgresql://postgres@127.0.0.1:5432/test"));

    assertThat(config.components().get("vigil-redis").enabled()).isTrue();
    assertThat(config.components().get("vigil-store").enabled()).isTrue();
    assertThat(((ProbeSpec.Redis) config.components().get("vigil-redis").probe()).own()).isTrue();
    assertThat(load(null).components().get("vigil-redis").enabled()).isFalse();
  }

  @Test
  void anHttpComponentTakesItsOwnKeysTheProbeDefaultsAndItsKindsSuggestedActions() {
    VigilConfig config = load("""
        probe_defaults: {interval_ms: 5000}
        components:
          validator:
            name: Validation service
            depends_on: [vigil-eventloop]
            critical: true
            probe:
              type: http
              url: https://validator.internal/health
              headers: {Accept: application/json}
              expected_status: [200, 204]
              json_pointer: /status
              json_equals: ok
              degraded_latency_ms: 800
        """);

    ComponentConfig validator = config.components().get("validator");
    assertThat(validator.name()).isEqualTo("Validation service");
    assertThat(validator.kind()).isEqualTo(ComponentKind.SERVICE);
    assertThat(validator.dependsOn()).containsExactly("vigil-eventloop");
    assertThat(validator.suggestedAction()).isEqualTo(ComponentKind.SERVICE.defaultActions());
    ProbeSpec.Http http = (ProbeSpec.Http) validator.probe();
    assertThat(http.method()).isEqualTo("GET");
    assertThat(http.expectedStatus()).containsExactly(200, 204);
    assertThat(http.headers()).containsEntry("Accept", "application/json");
    assertThat(http.degradedAbove()).isEqualTo(Duration.ofMillis(800));
    assertThat(http.timing()).isEqualTo(new ProbeSpec.Timing(Duration.ofSeconds(5), Duration.ofSeconds(2), 3, 1));
  }

  @Test
  void everyProbeTypeReadsWithItsRequiredKeys() {
    VigilConfig config = load("""
        components:
          t: {probe: {type: tcp, host: db.internal, port: 5432}}
          d: {probe: {type: dns, name: example.org}}
          r: {probe: {type: redis, url: "redis://cache:6379"}}
          p: {probe: {type: postgres, url: "postgresql://db/app"}}
          c: {probe: {type: cpu, system_degraded: 0.5}}
          m: {probe: {type: memory, heap_unhealthy: 0.99}}
          e: {probe: {type: eventloop, delay_degraded_ms: 50}}
          w: {probe: {type: eventbus, address: vigil.worker.resize}}
          a: {probe: {type: amqp, url: "amqp://guest:guest@127.0.0.1:5672", queue: orders, max_depth: 1000}}
          b: {probe: {type: bullmq, redis_url: "redis://127.0.0.1:6379", queue: emails, max_failed: 10}}
        """);

    Map<String, ComponentConfig> c = config.components();
    assertThat(c.get("t").probe()).isEqualTo(new ProbeSpec.Tcp(c.get("t").probe().timing(), "db.internal", 5432, Duration.ZERO));
    assertThat(c.get("t").kind()).isEqualTo(ComponentKind.NETWORK);
    assertThat(((ProbeSpec.Cpu) c.get("c").probe()).system()).isEqualTo(new ProbeSpec.Threshold(0.5, 0.95));
    assertThat(((ProbeSpec.Memory) c.get("m").probe()).heap()).isEqualTo(new ProbeSpec.Threshold(0.85, 0.99));
    assertThat(((ProbeSpec.Amqp) c.get("a").probe()).requireConsumers()).isTrue();
    assertThat(((ProbeSpec.BullMq) c.get("b").probe()).prefix()).isEqualTo("bull");
    assertThat(c.get("a").kind()).isEqualTo(ComponentKind.QUEUE);
    assertThat(c.get("w").kind()).isEqualTo(ComponentKind.WORKER);
    assertThat(c.get("p").kind()).isEqualTo(ComponentKind.DATABASE);
  }

  @Test
  void aKeyThatBelongsToAnotherProbeTypeIsUnknownAtItsExactPath() {
    assertThat(problems("components: {scratch: {probe: {type: disk, path: /tmp, url: 'http://x', timeout: 5}}}"))
        .containsExactlyInAnyOrder(
            "components.scratch.probe.timeout: unknown key — did you mean timeout_ms?",
            "components.scratch.probe.url: unknown key (known here: failure_threshold, interval_ms, min_free_bytes, "
                + "min_free_percent, path, success_threshold, timeout_ms, type)");
  }

  @Test
  void anUnknownProbeTypeListsTheTypesAndNamesTheClosest() {
    assertThat(problems("components: {api: {probe: {type: htp, url: 'http://x'}}}")).containsExactly(
        "components.api.probe.type: 'htp' is not known; one of [amqp, bullmq, cpu, disk, dns, eventbus, eventloop, "
            + "http, memory, postgres, queue, redis, tcp] — did you mean http?");
  }

  @Test
  void everyMistakeOfAComponentIsReportedWithItsPath() {
    assertThat(problems("""
        components:
          api:
            kind: servce
            depends_on: [api, nowhere, vigil-disk]
            probe: {type: http, url: /relative, method: FETCH, timeout_ms: 20000, expected_status: [200, 700],
                    json_equals: ok}
          backlog: {probe: {type: queue, queue: defualt}}
          tcp: {probe: {type: tcp, port: 70000}}
          mq: {probe: {type: amqp, url: "http://rabbit", queue: ""}}
          cpu: {probe: {type: cpu, system_degraded: 0.9, system_unhealthy: 0.8}}
        """)).containsExactlyInAnyOrder(
        "components.api.kind: 'servce' is not one of [cache, database, network, queue, service, storage, system, worker]"
            + " — did you mean service?",
        "components.api.depends_on[0]: a component cannot depend on itself",
        "components.api.depends_on[1]: 'nowhere' is not a component",
        "components.api.probe.url: '/relative' is not an absolute http or https URL",
        "components.api.probe.method: 'FETCH' is not one of [DELETE, GET, HEAD, OPTIONS, PATCH, POST, PUT]",
        "components.api.probe.timeout_ms: 20000 must not exceed interval_ms (10000): a probe would still run when the"
            + " next one is due",
        "components.api.probe.expected_status[1]: 700 is out of range [100, 599]",
        "components.api.probe.json_equals: needs json_pointer: which value to compare",
        "components.backlog.probe.queue: 'defualt' is not one of the queues [default] — did you mean default?",
        "components.tcp.probe.host: is required",
        "components.tcp.probe.port: 70000 is out of range [1, 65535]",
        "components.mq.probe.url: 'http://rabbit' is not an absolute amqp or amqps URL",
        "components.mq.probe.queue: is required",
        "components.cpu.probe.system_unhealthy: must be at least system_degraded (0.9)");
  }

  @Test
  void aDependencyLoopIsNamedOnce() {
    assertThat(problems("""
        components:
          a: {depends_on: [b], probe: {type: dns, name: a.example}}
          b: {depends_on: [c], probe: {type: dns, name: b.example}}
          c: {depends_on: [a], probe: {type: dns, name: c.example}}
        """)).containsExactly("components.a.depends_on: forms a loop: a -> b -> c -> a");
  }

  @Test
  void aComponentCanBeSwitchedOffAndItsSuggestedActionsReplacedOneByOne() {
    VigilConfig config = load("""
        components:
          vigil-disk: {enabled: false}
          db:
            auto_recoverable: true
            suggested_action: {unhealthy: "Page the DBA on call"}
            probe: {type: postgres, url: "postgresql://db/app"}
        """);

    assertThat(config.components().get("vigil-disk").enabled()).isFalse();
    ComponentConfig db = config.components().get("db");
    assertThat(db.autoRecoverable()).isTrue();
    assertThat(db.suggestedAction().unhealthy()).isEqualTo("Page the DBA on call");
    assertThat(db.suggestedAction().degraded()).isEqualTo(ComponentKind.DATABASE.defaultActions().degraded());
  }

  @Test
  void anEmptyComponentsSectionInTheFileKeepsTheSelfProbes() {
    assertThat(load("components:\n").components()).containsKeys("vigil-eventloop", "vigil-disk");
  }

  @Test
  void aSecretInAProbeUrlComesFromTheEnvironmentAndNeverPrints() {
    VigilConfig config = load("components: {mq: {probe: {type: amqp, url: 'amqp://placeholder', queue: orders}}}",
        Map.of("VIGIL_COMPONENTS_MQ_PROBE_URL", "amqp://app:hunter2@rabbit:5672"));

    ProbeSpec.Amqp amqp = (ProbeSpec.Amqp) config.components().get("mq").probe();
    assertThat(amqp.url()).isEqualTo("amqp://app:hunter2@rabbit:5672");
    assertThat(config.components().get("mq").toString()).doesNotContain("hunter2");
  }

  /** The README's probe example, as a user would copy it, with the header's value from the environment. */
  @Test
  void theReadmesProbeExampleLoadsAsWritten() throws java.io.IOException {
    String readme = java.nio.file.Files.readString(java.nio.file.Path.of("README.md"));
    int start = readme.indexOf("```yaml\ncomponents:\n  validator:");
    assertThat(start).as("the README's probe example").isNotNegative();
    String yaml = readme.substring(start + "```yaml\n".length(), readme.indexOf("```\n", start + 8));

    // the queue probe's queue must exist, as the README says
    VigilConfig config = load("queues: {billing: {}}\n" + yaml,
        Map.of("VIGIL_COMPONENTS_VALIDATOR_PROBE_HEADERS_AUTHORIZATION", "Bearer docs"));

    assertThat(config.components()).containsKeys("validator", "smtp", "api-dns", "cache", "billing-db", "scratch",
        "host-cpu", "host-mem", "loops", "billing-q", "renderer", "orders-mq", "emails-bull");
    ProbeSpec.Http validator = (ProbeSpec.Http) config.components().get("validator").probe();
    assertThat(validator.headers()).containsEntry("Authorization", "Bearer docs");
    assertThat(config.components().get("validator").critical()).isTrue();
    assertThat(config.components().get("vigil-disk").enabled()).isFalse();
  }
}
