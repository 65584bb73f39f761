package io.vigil.notify;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vigil.domain.notify.Alert;
import io.vigil.domain.notify.Notification;
import io.vigil.domain.notify.NotificationStatus;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The body of a Slack incoming-webhook post: {@code text} (the notification preview and fallback) plus
 * {@code blocks}: a header, severity and status, one section per alert (summary, description, value, suggested
 * action), its labels, its links, and who sent it. Values are mrkdwn-escaped; Slack's size limits are kept.
 */
final class SlackMessage {
  static final int HEADER_MAX = 150;
  static final int SECTION_MAX = 3_000;
  static final int VALUE_MAX = 1_000;
  /** Alerts given their own section; the rest are counted (Slack allows 50 blocks). */
  static final int MAX_ALERT_SECTIONS = 10;

  private SlackMessage() {}

  static JsonObject of(Notification n, SlackConfig config) {
    Map<String, String> vars = TemplateVariables.of(n);
    JsonArray blocks = new JsonArray();
    blocks.add(new JsonObject().put("type", "header").put("text", plain(
        Template.cut(config.title().render(vars, Escapes.NONE, VALUE_MAX).replace('\n', ' '), HEADER_MAX))));
    blocks.add(new JsonObject().put("type", "section").put("fields", new JsonArray()
        .add(mrkdwn("*Severity*\n" + n.severity().wireName()))
        .add(mrkdwn("*Status*\n" + (n.status() == NotificationStatus.RESOLVED ? "✅ resolved" : "firing")
            + (n.alerts().size() > 1 ? " (" + n.alerts().size() + " alerts)" : "")))));
    List<Alert> alerts = n.alerts();
    for (Alert a : alerts.subList(0, Math.min(alerts.size(), MAX_ALERT_SECTIONS))) {
      blocks.add(new JsonObject().put("type", "section").put("text", mrkdwn(Template.cut(alertText(a), SECTION_MAX))));
      String context = contextLine(a);
      if (!context.isEmpty()) blocks.add(context(context));
    }
    if (alerts.size() > MAX_ALERT_SECTIONS) {
      blocks.add(context("… and " + (alerts.size() - MAX_ALERT_SECTIONS) + " more"));
    }
    blocks.add(context(esc("Vigil" + (n.node().isEmpty() ? "" : " node " + n.node()) + " · " + n.kind().wireName()
        + " · " + n.groupKey())));
    return new JsonObject()
        .put("text", config.text().render(vars, Escapes.SLACK, VALUE_MAX))
        .put("blocks", blocks);
  }

  private static String alertText(Alert a) {
    List<String> lines = new ArrayList<>();
    String title = a.summary().isEmpty() ? a.alertname() : a.summary();
    lines.add((a.firing() ? "*" + esc(cut(title)) + "*" : "~" + esc(cut(title)) + "~ *resolved*"));
    String description = a.annotation(Alert.DESCRIPTION);
    if (!description.isEmpty()) lines.add(esc(cut(description)));
    if (a.value() != null && !a.value().isEmpty()) lines.add("*Value:* `" + esc(cut(a.value())) + "`");
    String action = a.annotation(Alert.SUGGESTED_ACTION);
    if (!action.isEmpty()) lines.add("*Suggested action:* " + esc(cut(action)));
    return String.join("\n", lines);
  }

  /** The alert's identifying labels and its links, on one line. */
  private static String contextLine(Alert a) {
    List<String> parts = new ArrayList<>();
    String labels = TemplateVariables.identityLabels(a);
    if (!labels.isEmpty()) parts.add(esc(cut(labels)));
    link(a.generatorUrl(), "Open in Vigil", parts);
    link(a.annotation(Alert.RUNBOOK_URL), "Runbook", parts);
    return String.join(" · ", parts);
  }

  private static void link(String url, String label, List<String> parts) {
    if (url.startsWith("https://") || url.startsWith("http://")) {
      parts.add("<" + esc(url).replace("|", "%7C") + "|" + label + ">");
    }
  }

  private static JsonObject context(String mrkdwn) {
    return new JsonObject().put("type", "context").put("elements", new JsonArray().add(mrkdwn(mrkdwn)));
  }

  private static JsonObject plain(String text) {
    return new JsonObject().put("type", "plain_text").put("text", text.isBlank() ? "Vigil" : text).put("emoji", true);
  }

  private static JsonObject mrkdwn(String text) {
    return new JsonObject().put("type", "mrkdwn").put("text", text);
  }

  private static String esc(String s) {
    return Escapes.SLACK.apply(s);
  }

  private static String cut(String s) {
    return Template.cut(s, VALUE_MAX);
  }
}
