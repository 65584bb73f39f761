package io.vigil.notify;

import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Email over SMTP.
 *
 * @param security  how the connection is protected: none, STARTTLS (required) or TLS from the first byte
 * @param username  empty or null for a server that takes mail without login
 * @param password  required with a username
 * @param subject   the subject line (one line; newlines are removed)
 * @param body      the plain-text body; the HTML part renders the same template with values HTML-escaped
 */
public record EmailConfig(String name, String host, int port, Security security, String username, Secret password,
                          String from, List<String> to, Template subject, Template body, Duration timeout)
    implements ChannelConfig {

  public enum Security { NONE, STARTTLS, TLS }

  public static final Template DEFAULT_SUBJECT =
      Template.compile("[{{status_tag}}] {{severity}} {{alertname}}: {{summary}}");
  public static final Template DEFAULT_BODY = Template.compile("""
      {{status_tag}} · {{severity}} · {{alertname}}
      {{summary}}

      {{description}}

      Value: {{value}}
      Labels: {{labels}}
      Started: {{starts_at}}
      Ended: {{ends_at}}
      Suggested action: {{suggested_action}}
      Runbook: {{runbook_url}}
      Open in Vigil: {{url}}
      {{others}}

      Sent by Vigil node {{node}}""");
  private static final Pattern ADDRESS = Pattern.compile("[^@\\s<>,;\"]+@[^@\\s<>,;\"]+");

  public EmailConfig {
    Checks.name(name);
    if (host == null || host.isBlank()) throw new IllegalArgumentException("channel " + name + ": host is required");
    if (port < 1 || port > 65_535) throw new IllegalArgumentException("channel " + name + ": port must be 1..65535");
    security = security == null ? Security.STARTTLS : security;
    username = username == null || username.isBlank() ? null : username;
    if (username != null && password == null) {
      throw new IllegalArgumentException("channel " + name + ": password is required with a username");
    }
    address(name, "from", from);
    to = List.copyOf(Checks.required(name, "to", to));
    if (to.isEmpty()) throw new IllegalArgumentException("channel " + name + ": to needs at least one address");
    to.forEach(a -> address(name, "to", a));
    subject = subject == null ? DEFAULT_SUBJECT : subject;
    body = body == null ? DEFAULT_BODY : body;
    timeout = Checks.timeout(name, timeout);
  }

  private static void address(String channel, String field, String address) {
    if (address == null || !ADDRESS.matcher(address).matches()) {
      throw new IllegalArgumentException("channel " + channel + ": " + field + " '" + address
          + "' is not an email address");
    }
  }

  @Override
  public ChannelType type() {
    return ChannelType.EMAIL;
  }
}
