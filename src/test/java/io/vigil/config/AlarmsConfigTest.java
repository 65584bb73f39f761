package io.vigil.config;

import io.vigil.domain.Severity;
import io.vigil.domain.alarm.AlarmRule;
import io.vigil.domain.alarm.Comparison;
import io.vigil.domain.alarm.DefaultRules;
import io.vigil.domain.alarm.EscalationTier;
import io.vigil.domain.alarm.LabelMatcher;
import io.vigil.domain.alarm.ReminderPolicy;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The {@code alarms:} and {@code notifications:} sections: built-in rules, tuning, channels, secrets, key paths. */
class AlarmsConfigTest {
  static final Map<String, String> ENV = Map.of("VIGIL_SLACK_URL", "https://hooks.slack.com/services/T/B/secret",
      "HOOK_URL", "https://hooks.example/vigil", "HOOK_KEY", "k".repeat(32));

  static VigilConfig load(String yaml) {
    return ConfigLoader.fromYaml(yaml, "test.yaml", ENV, ConfigLoaderTest.HANDLERS);
  }

  /** Without the channels' variables, which would be reported as matching no setting. */
  static VigilConfig bare(String yaml) {
    return ConfigLoader.fromYaml(yaml, "test.yaml", Map.of(), ConfigLoaderTest.HANDLERS);
  }

  /** Every problem; the environment holds the Slack variable only where the file uses it. */
  static List<String> problems(String yaml) {
    Map<String, String> env = yaml.contains("VIGIL_SLACK_URL") ? ENV : Map.of("HOOK_URL", ENV.get("HOOK_URL"));
    return catchThrowableOfType(ConfigException.class,
        () -> ConfigLoader.fromYaml(yaml, "test.yaml", env, ConfigLoaderTest.HANDLERS)).problems();
  }

  static AlarmRule rule(VigilConfig config, String name) {
    return config.alarms().rule(name).orElseThrow(() -> new AssertionError("no rule " + name));
  }

  static final String CHANNELS = """
      notifications:
        channels:
          ops-slack: {type: slack, webhook_url_env: VIGIL_SLACK_URL}
          ops-hook: {type: webhook, url_env: HOOK_URL, signing_key_env: HOOK_KEY, timeout: 5s}
      """;

  @Test
  void withNoConfigurationEveryBuiltInRuleRunsAndNothingIsRouted() {
    VigilConfig config = bare(null);

    assertThat(config.alarms().rules()).extracting(AlarmRule::name)
        .containsExactlyElementsOf(DefaultRules.all().stream().map(AlarmRule::name).toList());
    assertThat(config.alarms().routing().channels().get(Severity.CRITICAL)).isEmpty();
    assertThat(config.notifications().channels()).isEmpty();
    assertThat(config.notifications().maxAttempts()).isEqualTo(10);
  }

  @Test
  void aBuiltInRulesEntryChangesOnlyItsKeysSwitchesItOffOrAllAreDropped() {
    VigilConfig config = load(CHANNELS + """
        alarms:
          reminder: {initial: 10m}
          rules:
            queue-backup: {threshold: 500, for: 30s, channels: [ops-hook]}
            cpu-high: {enabled: false}
        """);

    AlarmRule backlog = rule(config, "queue-backup");
    assertThat(backlog.threshold()).isEqualTo(500);
    assertThat(backlog.clearThreshold()).as("80 still clears below 500").isEqualTo(80);
    assertThat(backlog.forDuration()).isEqualTo(Duration.ofSeconds(30));
    assertThat(backlog.clearFor()).isEqualTo(Duration.ofMinutes(1));
    assertThat(backlog.channels()).containsExactly("ops-hook");
    assertThat(backlog.annotations().get("summary")).contains("backing up");
    assertThat(backlog.reminder().initial()).isEqualTo(Duration.ofMinutes(10));
    assertThat(rule(config, "dead-letters").reminder()).as("its own policy wins").isEqualTo(ReminderPolicy.NONE);
    assertThat(config.alarms().rule("cpu-high")).isEmpty();
    assertThat(bare("alarms: {default_rules: false}").alarms().rules()).isEmpty();
  }

  @Test
  void aRuleOfItsOwnReadsEveryKey() {
    VigilConfig config = load(CHANNELS + """
        alarms:
          routes: {critical: [ops-slack]}
          escalation:
            critical: [{after: 15m, channels: [ops-hook]}]
          rules:
            orders-stuck:
              metric: queue.oldest_age_seconds
              match: {queue: orders}
              matchers: ['node!~"test-.*"']
              comparison: ">="
              threshold: 600
              clear_threshold: 300
              for: 2m
              clear_for: 1m
              severity: critical
              labels: {team: payments}
              annotations:
                summary: "Orders wait {{value}} s"
                runbook_url: https://runbooks.example/orders
              reminder: {initial: 10m, factor: 3, cap: 1h}
              escalation: [{after: 5m, channels: [ops-slack]}]
              group_window: 0s
              stop: true
              plan: restart-workers
        """);

    AlarmRule r = rule(config, "orders-stuck");
    assertThat(r.matchers()).containsExactly(LabelMatcher.eq("queue", "orders"), LabelMatcher.nre("node", "test-.*"));
    assertThat(r.comparison()).isEqualTo(Comparison.GE);
    assertThat(r.clearThreshold()).isEqualTo(300);
    assertThat(r.severity()).isEqualTo(Severity.CRITICAL);
    assertThat(r.labels()).containsEntry("team", "payments");
    assertThat(r.reminder()).isEqualTo(new ReminderPolicy(Duration.ofMinutes(10), 3, Duration.ofHours(1)));
    assertThat(r.escalation()).containsExactly(EscalationTier.after(Duration.ofMinutes(5), "ops-slack"));
    assertThat(r.stop()).isTrue();
    assertThat(r.recoveryPlan()).contains("restart-workers");
    assertThat(config.alarms().routing().channels().get(Severity.CRITICAL)).containsExactly("ops-slack");
    assertThat(config.alarms().routing().escalation().get(Severity.CRITICAL))
        .containsExactly(EscalationTier.after(Duration.ofMinutes(15), "ops-hook"));
  }

  @Test
  void everyMistakeInARuleIsNamedByItsKeyPathWithTheClosestValidOne() {
    List<String> problems = problems(CHANNELS + """
        alarms:
          routes: {warning: [ops-slak]}
          rules:
            mine:
              metric: queue.backlogg
              comparison: "=>"
              treshold: 5
              for: 5 minutes
              channels: [pager]
              stop: true
            queue-backup: {reminder: {initial: 1s}}
        """);

    assertThat(problems).anySatisfy(p -> assertThat(p).startsWith("alarms.rules.mine.metric:").contains("unknown metric"))
        .anySatisfy(p -> assertThat(p).startsWith("alarms.rules.mine.comparison:").contains(">="))
        .anySatisfy(p -> assertThat(p).startsWith("alarms.rules.mine.treshold:").contains("did you mean threshold"))
        .anySatisfy(p -> assertThat(p).startsWith("alarms.rules.mine.threshold: is required"))
        .anySatisfy(p -> assertThat(p).startsWith("alarms.rules.mine.for:").contains("5m"))
        .anySatisfy(p -> assertThat(p).startsWith("alarms.rules.mine.channels[0]:").contains("'pager' is not a channel"))
        .anySatisfy(p -> assertThat(p).startsWith("alarms.rules.mine.annotations.summary:"))
        .anySatisfy(p -> assertThat(p).startsWith("alarms.rules.queue-backup.reminder.initial:").contains("10s"))
        .anySatisfy(p -> assertThat(p).startsWith("alarms.routes.warning[0]:").contains("did you mean ops-slack"));
  }

  @Test
  void channelsTakeTheirSecretsFromTheEnvironmentAndNeverShowThem() {
    LoadedConfig loaded = ConfigSource.ofText(CHANNELS, "test.yaml", ENV, ConfigLoaderTest.HANDLERS).load();

    ChannelSpec.Slack slack = (ChannelSpec.Slack) loaded.config().notifications().channels().get("ops-slack");
    assertThat(slack.webhookUrl().value()).isEqualTo("https://hooks.slack.com/services/T/B/secret");
    assertThat(slack.toString()).doesNotContain("secret").contains("****(env VIGIL_SLACK_URL)");
    assertThat(loaded.settings().values()).noneMatch(v -> v.contains("hooks.slack.com") || v.contains("kkkk"));
    assertThat(((ChannelSpec.Webhook) loaded.config().notifications().channels().get("ops-hook")).timeout())
        .isEqualTo(Duration.ofSeconds(5));
  }

  @Test
  void aChannelsMistakesAreNamedAtTheirKeyAndASecretVariableIsNeverReportedAsUnknown() {
    List<String> problems = problems("""
        notifications:
          channels:
            a: {type: slack, webhook_url_env: VIGIL_NOT_SET}
            b: {type: slack, url_env: HOOK_URL}
            c: {type: pager}
        """);

    assertThat(problems).anySatisfy(p -> assertThat(p)
            .isEqualTo("notifications.channels.a.webhook_url_env: environment variable VIGIL_NOT_SET is not set"))
        .anySatisfy(p -> assertThat(p).startsWith("notifications.channels.b.url_env: unknown key"))
        .anySatisfy(p -> assertThat(p).startsWith("notifications.channels.b.webhook_url_env: is required"))
        .anySatisfy(p -> assertThat(p).startsWith("notifications.channels.c.type:").contains("slack"));
    assertThat(load(CHANNELS).notifications().channels()).hasSize(2); // VIGIL_SLACK_URL is a secret, not a setting
  }

  @Test
  void alarmsAndNotificationsApplyLiveOnReload() {
    assertThat(ReloadPolicy.isLive("alarms.rules.queue-backup.threshold", false)).isTrue();
    assertThat(ReloadPolicy.isLive("notifications.channels.ops-slack.type", true)).isTrue();
  }
}
