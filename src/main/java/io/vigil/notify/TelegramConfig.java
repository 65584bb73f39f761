package io.vigil.notify;

import java.time.Duration;
import java.util.regex.Pattern;

/**
 * A Telegram chat reached through the Bot API's {@code sendMessage}.
 *
 * @param chatId     a numeric chat id (negative for groups) or {@code @channelusername}
 * @param apiBaseUrl the Bot API's base URL; tests and self-hosted Bot API servers set it
 * @param text       the message, in Telegram's HTML parse mode (values are escaped, the template's tags are kept)
 */
public record TelegramConfig(String name, Secret botToken, String chatId, String apiBaseUrl, Template text,
                             Duration timeout) implements ChannelConfig {

  public static final String DEFAULT_API = "https://api.telegram.org";
  public static final Template DEFAULT_TEXT = Template.compile("""
      {{icon}} <b>[{{status_tag}}] {{alertname}}</b> · {{severity}}
      {{summary}}
      <i>{{description}}</i>
      Value: <code>{{value}}</code>
      Labels: {{labels}}
      Suggested action: {{suggested_action}}
      {{others}}
      Runbook: {{runbook_url}}
      Open in Vigil: {{url}}""");
  private static final Pattern CHAT = Pattern.compile("-?\\d{1,20}|@[A-Za-z][A-Za-z0-9_]{4,31}");
  private static final Pattern TOKEN = Pattern.compile("\\d+:[A-Za-z0-9_-]{20,}");

  public TelegramConfig {
    Checks.name(name);
    Checks.required(name, "bot_token", botToken);
    if (!TOKEN.matcher(botToken.reveal()).matches()) {
      throw new IllegalArgumentException("channel " + name + ": bot_token (" + botToken.source()
          + ") does not look like a Bot API token (<digits>:<key>)");
    }
    if (chatId == null || !CHAT.matcher(chatId).matches()) {
      throw new IllegalArgumentException("channel " + name + ": chat_id '" + chatId
          + "' must be a numeric id or @channelusername");
    }
    apiBaseUrl = Checks.httpUrl(name, "api_base_url", apiBaseUrl == null ? DEFAULT_API : apiBaseUrl);
    text = text == null ? DEFAULT_TEXT : text;
    timeout = Checks.timeout(name, timeout);
  }

  public TelegramConfig(String name, Secret botToken, String chatId) {
    this(name, botToken, chatId, null, null, null);
  }

  @Override
  public ChannelType type() {
    return ChannelType.TELEGRAM;
  }
}
