package io.vigil.config;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The generic mechanism under every section: scoped nodes, named entries with a defaults node, lists of per-kind
 * entries, the environment over the file, and the keys and variables nobody read. The schema here is a made-up
 * recovery plan (a list of actions whose keys depend on {@code action}), the shape issue 17 will use.
 */
class ConfigReaderTest {
  sealed interface Action {}
  record Reconnect(int maxAttempts, Duration timeout) implements Action {}
  record Hook(String url, int maxAttempts) implements Action {}
  record Manual() implements Action {}

  static final Map<String, Function<ConfigReader, Action>> ACTIONS = Map.of(
      "reconnect", a -> new Reconnect(a.integer("max_attempts", 3, 1, 10), a.millis("timeout_ms", 5_000, 1, 60_000)),
      "http-hook", a -> new Hook(a.requiredString("url"), a.integer("max_attempts", 1, 1, 10)),
      "manual", a -> new Manual());

  record Result(Map<String, List<Action>> plans, List<String> problems, Map<String, String> settings) {}

  static Result read(String yaml, Map<String, String> env) {
    Map<String, Object> tree = ConfigTree.parse(yaml, "test");
    ConfigReader root = new ConfigReader(tree, env);
    Map<String, List<Action>> plans = new java.util.LinkedHashMap<>();
    root.entries("plans", null).forEach((name, plan) ->
        plans.put(name, plan.list("actions").stream().map(a -> a.kind("action", ACTIONS)).toList()));
    root.reportUnread(tree, Set.of(), List.of());
    return new Result(plans, root.problems().stream().map(ConfigProblem::toString).toList(), root.settings());
  }

  @Test
  void aListOfPerKindEntriesIsReadWithEachKindsOwnKeysAndDefaults() {
    Result r = read("""
        plans:
          db:
            actions:
              - {action: reconnect, max_attempts: 5}
              - {action: http-hook, url: "http://fixer/run"}
              - {action: manual}
        """, Map.of());

    assertThat(r.problems()).isEmpty();
    assertThat(r.plans().get("db")).containsExactly(new Reconnect(5, Duration.ofSeconds(5)),
        new Hook("http://fixer/run", 1), new Manual());
  }

  @Test
  void aKeyOfAnotherKindIsUnknownAtItsExactPathWithTheClosestKeyOfThisKind() {
    Result r = read("""
        plans:
          db:
            actions:
              - {action: reconnect}
              - {action: reconnect, url: "http://x", timout_ms: 10}
        """, Map.of());

    assertThat(r.problems()).containsExactlyInAnyOrder(
        "plans.db.actions[1].timout_ms: unknown key — did you mean timeout_ms?",
        "plans.db.actions[1].url: unknown key (known here: action, max_attempts, timeout_ms)");
  }

  @Test
  void aBadValueInAListElementNamesItsIndex() {
    Result r = read("plans: {db: {actions: [{action: manual}, {action: reconnect, timeout_ms: 0}]}}", Map.of());

    assertThat(r.problems()).containsExactly("plans.db.actions[1].timeout_ms: 0 is out of range [1, 60000]");
  }

  @Test
  void anUnknownKindListsTheKindsNamesTheClosestAndDoesNotJudgeTheOtherKeys() {
    Result r = read("plans: {db: {actions: [{action: reconect, max_attempts: 2, whatever: 1}]}}", Map.of());

    assertThat(r.problems()).containsExactly(
        "plans.db.actions[0].action: 'reconect' is not known; one of [http-hook, manual, reconnect] — did you mean reconnect?");
  }

  @Test
  void aMissingKindOrRequiredKeyIsReportedAsRequired() {
    Result r = read("plans: {db: {actions: [{max_attempts: 2}, {action: http-hook}]}}", Map.of());

    assertThat(r.problems()).contains("plans.db.actions[1].url: is required")
        .anyMatch(p -> p.startsWith("plans.db.actions[0].action: is required"));
  }

  @Test
  void anEnvironmentVariableOverridesAListElementsKeyEvenOneLeftToItsDefault() {
    Result r = read("plans: {db: {actions: [{action: reconnect}]}}", Map.of("VIGIL_PLANS_DB_ACTIONS_0_TIMEOUT_MS", "250"));

    assertThat(r.problems()).isEmpty();
    assertThat(r.plans().get("db")).containsExactly(new Reconnect(3, Duration.ofMillis(250)));
    assertThat(r.settings()).containsEntry("plans.db.actions[0].timeout_ms", "250");
  }

  @Test
  void aVariableForAnElementThatDoesNotExistIsReportedWithTheClosestRealOne() {
    Result r = read("plans: {db: {actions: [{action: reconnect}]}}", Map.of("VIGIL_PLANS_DB_ACTIONS_1_TIMEOUT_MS", "250"));

    assertThat(r.problems()).containsExactly("VIGIL_PLANS_DB_ACTIONS_1_TIMEOUT_MS: matches no setting"
        + " — did you mean VIGIL_PLANS_DB_ACTIONS_0_TIMEOUT_MS?");
  }

  @Test
  void aScalarWhereAListOrAnEntryIsExpectedIsNamed() {
    Result r = read("plans: {db: {actions: reconnect}, other: 5}", Map.of());

    assertThat(r.problems()).containsExactlyInAnyOrder("plans.db.actions: expected a list", "plans.other: expected a map");
  }

  @Test
  void everyResolvedValueIsRecordedByPathIncludingDefaultsFromCode() {
    Result r = read("plans: {db: {actions: [{action: reconnect}]}}", Map.of());

    assertThat(r.settings()).containsEntry("plans.db.actions[0].action", "reconnect")
        .containsEntry("plans.db.actions[0].max_attempts", "3");
  }

  @Test
  void anEntryTakesWhatItDoesNotSetFromItsDefaultsNodeKeyByKeyEvenNested() {
    Map<String, Object> tree = ConfigTree.parse("""
        defaults: {size: 5, retry: {base: 10, factor: 2}}
        things: {a: {retry: {base: 1}}, b: {}}
        """, "test");
    ConfigReader root = new ConfigReader(tree, Map.of("VIGIL_DEFAULTS_SIZE", "6"));
    ConfigReader defaults = root.child("defaults");
    Map<String, ConfigReader> things = root.entries("things", defaults);

    assertThat(things.get("a").integer("size", 1, 10)).isEqualTo(6);
    assertThat(things.get("a").integer("retry.base", 0, 100)).isEqualTo(1);
    assertThat(things.get("a").integer("retry.factor", 0, 100)).isEqualTo(2);
    assertThat(things.get("b").integer("retry.base", 0, 100)).isEqualTo(10);
    assertThat(root.settings()).containsEntry("things.a.size", "6").containsEntry("things.b.retry.base", "10");
  }

  @Test
  void aFreeFormMapKeepsItsKeysAndTakesEachValueFromTheEnvironmentWhenSet() {
    Map<String, Object> tree = ConfigTree.parse("probe: {headers: {X-Api-Key: '', Accept: text/plain}}", "test");
    ConfigReader root = new ConfigReader(tree, Map.of("VIGIL_PROBE_HEADERS_X_API_KEY", "s3cret"));

    Map<String, String> headers = root.child("probe").stringMap("headers");
    root.reportUnread(tree, Set.of(), List.of());

    assertThat(headers).containsExactly(Map.entry("X-Api-Key", "s3cret"), Map.entry("Accept", "text/plain"));
    assertThat(root.problems()).isEmpty();
  }

  @Test
  void aListOfScalarsComesFromYamlOrFromOneCommaSeparatedVariable() {
    Map<String, Object> tree = ConfigTree.parse("a: {codes: [200, 204], names: [x, y]}", "test");
    ConfigReader root = new ConfigReader(tree, Map.of("VIGIL_A_NAMES", "p, q,r"));
    ConfigReader a = root.child("a");

    assertThat(a.integers("codes", List.of(), 100, 599)).containsExactly(200, 204);
    assertThat(a.strings("names", List.of())).containsExactly("p", "q", "r");
    assertThat(a.integers("missing", List.of(1), 0, 9)).containsExactly(1);
  }

  @Test
  void suggestionsCatchTyposTranspositionsAndTheSameSettingInAnotherSection() {
    List<String> keys = List.of("concurrency", "rate_limit_per_second", "lease_ms");

    assertThat(Suggestions.closest("concurency", keys)).contains("concurrency");
    assertThat(Suggestions.closest("concurrnecy", keys)).contains("concurrency");
    assertThat(Suggestions.closest("lease", keys)).contains("lease_ms");
    assertThat(Suggestions.closest("limit", keys)).isEmpty(); // 3 edits on 5 letters is not a typo
    assertThat(Suggestions.closest("VIGIL_PORT", List.of("VIGIL_HTTP_PORT", "VIGIL_HTTP_HOST"))).contains("VIGIL_HTTP_PORT");
    assertThat(Suggestions.closest("zzzz", keys)).isEmpty();
  }
}
