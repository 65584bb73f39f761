package io.vigil.notify;

import java.time.Duration;

/**
 * A Slack incoming webhook. The URL is the credential.
 *
 * @param title the header block (plain text, 150 characters at most)
 * @param text  the message text: the notification preview and the fallback where blocks are not shown
 */
public record SlackConfig(String name, Secret webhookUrl, Template title, Template text, Duration timeout)
    implements ChannelConfig {

  public static final Template DEFAULT_TITLE = Template.compile("{{icon}} [{{status_tag}}] {{alertname}}");
  public static final Template DEFAULT_TEXT =
      Template.compile("{{icon}} [{{status_tag}}] {{severity}} {{alertname}}: {{summary}}");

  public SlackConfig {
    Checks.name(name);
    Checks.httpUrl(name, "webhook_url", webhookUrl);
    title = title == null ? DEFAULT_TITLE : title;
    text = text == null ? DEFAULT_TEXT : text;
    timeout = Checks.timeout(name, timeout);
  }

  public SlackConfig(String name, Secret webhookUrl) {
    this(name, webhookUrl, null, null, null);
  }

  @Override
  public ChannelType type() {
    return ChannelType.SLACK;
  }
}
