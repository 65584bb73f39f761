package io.vigil.notify;

import io.vertx.ext.mail.MailMessage;
import io.vigil.domain.Severity;
import io.vigil.domain.notify.Alert;
import io.vigil.domain.notify.Notification;
import io.vigil.domain.notify.NotificationStatus;

import java.util.Map;

/**
 * The email: a one-line subject with status, severity and summary; a plain-text body from the template; and an
 * HTML part rendering the same template with values escaped, under a heading coloured by severity, with the links
 * as links.
 */
final class EmailMessage {
  static final int SUBJECT_MAX = 200;
  static final int VALUE_MAX = 4_000;

  private EmailMessage() {}

  static MailMessage of(Notification n, EmailConfig config) {
    Map<String, String> vars = TemplateVariables.of(n);
    String subject = config.subject().render(vars, Escapes.NONE, VALUE_MAX).replaceAll("[\\r\\n]+", " ");
    String text = config.body().render(vars, Escapes.NONE, VALUE_MAX);
    String html = html(n, subject, config.body().render(vars, Escapes.HTML, VALUE_MAX));
    MailMessage message = new MailMessage()
        .setFrom(config.from())
        .setTo(config.to())
        .setSubject(Template.cut(subject, SUBJECT_MAX))
        .setText(text)
        .setHtml(html);
    message.addHeader(WebhookSigner.ID_HEADER, n.id());
    return message;
  }

  private static String html(Notification n, String subject, String escapedBody) {
    String colour = n.status() == NotificationStatus.RESOLVED ? "#2e7d32"
        : n.severity() == Severity.CRITICAL ? "#c62828" : n.severity() == Severity.WARNING ? "#ef6c00" : "#1565c0";
    StringBuilder links = new StringBuilder();
    Alert a = n.first();
    link(links, a.generatorUrl(), "Open in Vigil");
    link(links, a.annotation(Alert.RUNBOOK_URL), "Runbook");
    return "<!DOCTYPE html><html><body style=\"font-family:sans-serif\">"
        + "<h2 style=\"color:" + colour + "\">" + Escapes.HTML.apply(subject) + "</h2>"
        + "<div style=\"border-left:4px solid " + colour + ";padding-left:12px\">"
        + escapedBody.replace("\n", "<br>\n") + "</div>"
        + (links.length() == 0 ? "" : "<p>" + links + "</p>")
        + "</body></html>";
  }

  private static void link(StringBuilder out, String url, String label) {
    if (!url.startsWith("https://") && !url.startsWith("http://")) return;
    if (out.length() > 0) out.append(" · ");
    out.append("<a href=\"").append(Escapes.HTML.apply(url)).append("\">").append(label).append("</a>");
  }
}
