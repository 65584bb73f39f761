package io.vigil.config;

import io.vigil.domain.breaker.BreakerPolicy;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BreakersConfigTest {
  static VigilConfig load(String yaml, Map<String, String> env) {
    return ConfigLoader.fromYaml(yaml, "test", env, Set.of("noop"));
  }

  @Test
  void theBundledDefaultsAreTheBuiltInOnesARegistryStartsWithBeforeTheConfigIsRead() {
    assertThat(load(null, Map.of()).breakers().defaults()).isEqualTo(BreakerPolicy.DEFAULTS);
  }

  @Test
  void eachKeyCanBeSetInTheFileOrTheEnvironment() {
    BreakerPolicy policy = load("breakers: {window: time, window_size: 30, open_ms: 2000}",
        Map.of("VIGIL_BREAKERS_CALL_TIMEOUT_MS", "750", "VIGIL_BREAKERS_HALF_OPEN_CALLS", "2")).breakers().defaults();

    assertThat(policy.window()).isEqualTo(BreakerPolicy.Window.TIME);
    assertThat(policy.windowSize()).isEqualTo(30);
    assertThat(policy.openDuration()).isEqualTo(Duration.ofSeconds(2));
    assertThat(policy.callTimeout()).isEqualTo(Duration.ofMillis(750));
    assertThat(policy.halfOpenCalls()).isEqualTo(2);
  }

  @Test
  void aMinimumAboveTheCountWindowIsRefusedNamingTheKey() {
    assertThatThrownBy(() -> load("breakers: {window_size: 10, minimum_calls: 20}", Map.of()))
        .isInstanceOf(ConfigException.class).hasMessageContaining("breakers: minimum_calls (20) must not exceed");
  }

  @Test
  void badValuesAreEachReportedWithTheirKey() {
    assertThatThrownBy(() -> load("breakers: {window: sliding, failure_rate_percent: 0, open_ms: -1}", Map.of()))
        .isInstanceOf(ConfigException.class)
        .satisfies(e -> assertThat(((ConfigException) e).problems()).anySatisfy(p ->
            assertThat(p).startsWith("breakers.window: 'sliding' is not one of [count, time]")))
        .hasMessageContaining("breakers.failure_rate_percent")
        .hasMessageContaining("breakers.open_ms");
  }

  @Test
  void aNamedBreakerTakesWhatItLeavesOutFromTheDefaultsAndOthersGetTheDefaults() {
    BreakersConfig config = load("""
        breakers:
          open_ms: 2000
          minimum_calls: 4
          shared: false
          named:
            "http:payments.internal:443": {failure_rate_percent: 25, open_ms: 30000}
        """, Map.of()).breakers();

    BreakerPolicy payments = config.policyFor("http:payments.internal:443");
    assertThat(payments.failureRatePercent()).isEqualTo(25);
    assertThat(payments.openDuration()).isEqualTo(Duration.ofSeconds(30));
    assertThat(payments.minimumCalls()).as("from the defaults of this file").isEqualTo(4);
    assertThat(config.policyFor("notify:ops").openDuration()).isEqualTo(Duration.ofSeconds(2));
    assertThat(config.shared()).isFalse();
    assertThat(load(null, Map.of()).breakers().shared()).as("shared by default (when Redis is configured)").isTrue();
  }

  @Test
  void aBadNamedEntryIsReportedUnderItsName() {
    assertThatThrownBy(() -> load("breakers: {named: {\"notify:ops\": {half_open_calls: 0}}}", Map.of()))
        .isInstanceOf(ConfigException.class).hasMessageContaining("breakers.named.notify:ops.half_open_calls");
  }

  @Test
  void aReloadTakesTheNewOptionsAndKeepsSharingAsItStarted() {
    LoadedConfig running = ConfigReloadTest.load("breakers: {shared: true, named: {\"probe:pay\": {minimum_calls: 5}}}");

    ConfigReload.Outcome outcome = ConfigReload.apply(running, ConfigReloadTest.load(
        "breakers: {shared: false, failure_rate_percent: 25, named: {\"probe:pay\": {minimum_calls: 3}}}"));

    BreakersConfig now = outcome.running().config().breakers();
    assertThat(now.policyFor("probe:pay").minimumCalls()).isEqualTo(3);
    assertThat(now.defaults().failureRatePercent()).isEqualTo(25);
    assertThat(now.shared()).as("sharing is set up at start").isTrue();
    assertThat(outcome.changes().restartRequired()).containsExactly("breakers.shared");
  }
}
