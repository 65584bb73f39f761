package io.vigil.notify;

import java.util.function.UnaryOperator;

/** How a value is made inert in each channel's markup. */
final class Escapes {
  private Escapes() {}

  static final UnaryOperator<String> NONE = s -> s;

  /** HTML text and attribute values (Telegram's HTML parse mode, email's HTML part). */
  static final UnaryOperator<String> HTML = s -> s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
      .replace("\"", "&quot;");

  /** Slack mrkdwn: only these three have to be escaped; {@code <...>} would otherwise become a link or mention. */
  static final UnaryOperator<String> SLACK = s -> s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
}
