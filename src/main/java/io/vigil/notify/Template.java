package io.vigil.notify;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A message template with {@code {{name}}} placeholders and nothing else: no expressions, no loops, no access to
 * anything but the variables of {@link TemplateVariables}. Unknown names fail when the template is compiled (at
 * config load), not when an alarm fires. One rule keeps templates short: a line whose placeholders all render
 * empty is left out, so {@code Runbook: {{runbook_url}}} disappears when there is no runbook.
 *
 * <p>Values are escaped for the channel's markup (HTML for Telegram and email, mrkdwn for Slack); the template's
 * own text is the author's markup and is not escaped.
 */
public final class Template {
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([A-Za-z_][A-Za-z0-9_.]*)\\s*}}");
  /** Longest template accepted: templates are a line or a few, and a channel's size limit must leave room for values. */
  public static final int MAX_LENGTH = 2_000;

  private final String source;

  private Template(String source) {
    this.source = source;
  }

  /**
   * @throws IllegalArgumentException naming the unknown placeholder or the unclosed brace, and its line
   */
  public static Template compile(String source) {
    if (source == null || source.isBlank()) throw new IllegalArgumentException("a template may not be empty");
    if (source.length() > MAX_LENGTH) {
      throw new IllegalArgumentException("a template may be at most " + MAX_LENGTH + " characters");
    }
    String[] lines = source.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String rest = PLACEHOLDER.matcher(lines[i]).replaceAll("");
      if (rest.contains("{{") || rest.contains("}}")) {
        throw new IllegalArgumentException("template line " + (i + 1) + " has an unclosed or malformed {{placeholder}}");
      }
      Matcher m = PLACEHOLDER.matcher(lines[i]);
      while (m.find()) {
        if (!TemplateVariables.isKnown(m.group(1))) {
          throw new IllegalArgumentException("template line " + (i + 1) + " uses unknown {{" + m.group(1)
              + "}}; known: " + TemplateVariables.NAMES + ", label.<name>, annotation.<name>");
        }
      }
    }
    return new Template(source);
  }

  /** Renders with every value escaped by {@code escape} and cut to {@code maxValueLength} characters. */
  public String render(Map<String, String> vars, UnaryOperator<String> escape, int maxValueLength) {
    List<String> out = new ArrayList<>();
    for (String line : source.split("\n", -1)) {
      Matcher m = PLACEHOLDER.matcher(line);
      StringBuilder sb = new StringBuilder();
      boolean anyPlaceholder = false;
      boolean anyValue = false;
      while (m.find()) {
        anyPlaceholder = true;
        String value = vars.getOrDefault(m.group(1), "");
        anyValue |= !value.isBlank();
        m.appendReplacement(sb, Matcher.quoteReplacement(escape.apply(cut(value, maxValueLength))));
      }
      m.appendTail(sb);
      if (!anyPlaceholder || anyValue) out.add(sb.toString());
    }
    return String.join("\n", out).strip();
  }

  public String render(Map<String, String> vars, UnaryOperator<String> escape) {
    return render(vars, escape, Integer.MAX_VALUE);
  }

  public String source() {
    return source;
  }

  static String cut(String value, int max) {
    if (value.length() <= max) return value;
    return value.substring(0, Math.max(0, max - 1)) + "…";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Template t && t.source.equals(source);
  }

  @Override
  public int hashCode() {
    return source.hashCode();
  }

  @Override
  public String toString() {
    return "Template[" + source.replace("\n", "\\n") + "]";
  }
}
