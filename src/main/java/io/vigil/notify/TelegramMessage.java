package io.vigil.notify;

import io.vertx.core.json.JsonObject;
import io.vigil.domain.notify.Notification;

import java.util.Map;

/**
 * The {@code sendMessage} body: the template rendered in Telegram's HTML parse mode with every value escaped. A
 * message must stay within Telegram's 4096 characters without cutting through a tag, so values are shortened step
 * by step; only a template too long for any values falls back to plain text.
 */
final class TelegramMessage {
  static final int MAX_LENGTH = 4_096;
  private static final int[] VALUE_CAPS = {1_000, 300, 80};

  private TelegramMessage() {}

  static JsonObject of(Notification n, TelegramConfig config) {
    Map<String, String> vars = TemplateVariables.of(n);
    JsonObject body = new JsonObject()
        .put("chat_id", config.chatId())
        .put("link_preview_options", new JsonObject().put("is_disabled", true));
    for (int cap : VALUE_CAPS) {
      String html = config.text().render(vars, Escapes.HTML, cap);
      if (html.length() <= MAX_LENGTH) return body.put("text", html).put("parse_mode", "HTML");
    }
    String plain = config.text().render(vars, Escapes.NONE, VALUE_CAPS[VALUE_CAPS.length - 1])
        .replaceAll("<[^>]*>", "");
    return body.put("text", Template.cut(plain, MAX_LENGTH));
  }
}
