package io.vigil.notify;

import io.vigil.domain.notify.Notification;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TemplateTest {
  static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");

  @Test
  void placeholdersAreReplacedByTheNotificationsValues() {
    Notification n = Samples.firing("c1", T0);

    String out = Template.compile("[{{status_tag}}] {{ severity }} {{alertname}}: {{summary}} ({{label.queue}}, "
        + "{{annotation.runbook_url}}, {{value}}, {{count}})").render(TemplateVariables.of(n), Escapes.NONE);

    assertThat(out).isEqualTo("[FIRING] critical QueueBacklog: Queue jobs has 153 waiting tasks (jobs, "
        + "https://runbooks.example.com/queue-backlog?queue=jobs&from=vigil, 153, 1)");
  }

  @Test
  void anUnknownPlaceholderFailsAtCompileNamingIt() {
    assertThatThrownBy(() -> Template.compile("ok\n{{summry}}"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("template line 2 uses unknown {{summry}}; known: [status, kind");
  }

  @Test
  void anUnclosedOrMalformedPlaceholderFailsAtCompile() {
    assertThatThrownBy(() -> Template.compile("{{summary}")).hasMessageContaining("line 1 has an unclosed");
    assertThatThrownBy(() -> Template.compile("{{ summary + 1 }}")).hasMessageContaining("malformed");
    assertThatThrownBy(() -> Template.compile(" ")).hasMessageContaining("empty");
    assertThatThrownBy(() -> Template.compile("x".repeat(Template.MAX_LENGTH + 1))).hasMessageContaining("at most");
  }

  @Test
  void aLineWhosePlaceholdersAreAllEmptyIsLeftOutButPlainLinesStay() {
    Template t = Template.compile("Summary: {{summary}}\nRunbook: {{runbook_url}}\n\n-- {{node}}{{value}}");

    String out = t.render(Map.of("summary", "s", "runbook_url", "", "node", "", "value", "1"), Escapes.NONE);

    assertThat(out).isEqualTo("Summary: s\n\n-- 1");
  }

  @Test
  void valuesAreEscapedButTheTemplatesOwnMarkupIsNot() {
    String out = Template.compile("<b>{{summary}}</b>").render(Map.of("summary", "<i>a & b</i>"), Escapes.HTML);

    assertThat(out).isEqualTo("<b>&lt;i&gt;a &amp; b&lt;/i&gt;</b>");
  }

  @Test
  void aValueCannotSmuggleInAPlaceholder() {
    String out = Template.compile("{{summary}} {{description}}")
        .render(Map.of("summary", "{{description}}", "description", "secret-ish"), Escapes.NONE);

    assertThat(out).isEqualTo("{{description}} secret-ish");
  }

  @Test
  void longValuesAreCutWithAnEllipsis() {
    String out = Template.compile("{{summary}}").render(Map.of("summary", "abcdefghij"), Escapes.NONE, 5);

    assertThat(out).isEqualTo("abcd…");
  }

  @Test
  void othersListsTheRestOfAGroupAndCountsBeyondTen() {
    List<io.vigil.domain.notify.Alert> alerts = new java.util.ArrayList<>();
    for (int i = 0; i < 13; i++) alerts.add(Samples.backlog("c" + i, T0));
    alerts.set(1, alerts.get(1).resolvedAt(T0.plusSeconds(5)));
    Notification n = Samples.group(io.vigil.domain.notify.NotificationKind.FIRING, "n", alerts, T0);

    String others = TemplateVariables.of(n).get("others");

    assertThat(others.lines()).hasSize(11);
    assertThat(others.lines().findFirst().orElseThrow())
        .isEqualTo("• case=c1, queue=jobs: Queue jobs has 153 waiting tasks (resolved)");
    assertThat(others).endsWith("… and 2 more");
    assertThat(TemplateVariables.of(n).get("count")).isEqualTo("13");
  }

  @Test
  void theDefaultTemplatesCompile() {
    assertThat(List.of(SlackConfig.DEFAULT_TEXT, SlackConfig.DEFAULT_TITLE, TelegramConfig.DEFAULT_TEXT,
        EmailConfig.DEFAULT_SUBJECT, EmailConfig.DEFAULT_BODY)).allSatisfy(t -> assertThat(t.source()).isNotBlank());
  }
}
