package io.vigil.domain.alarm;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The annotation templating: {@code {{name}}} is replaced by the alarm's label {@code name} (empty when absent),
 * plus four built-ins: {@code {{value}}} (4 significant digits, integers without decimals), {@code {{value_percent}}}
 * (a ratio as "15.3%"), {@code {{threshold}}} and {@code {{rule}}}. Nothing else: no logic, no escapes.
 */
final class Templates {
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([A-Za-z_][A-Za-z0-9_.]*)\\s*}}");

  private Templates() {}

  static String render(String template, Labels labels, double value, double threshold, String rule) {
    if (template.indexOf("{{") < 0) return template;
    Matcher m = PLACEHOLDER.matcher(template);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String name = m.group(1);
      String replacement = switch (name) {
        case "value" -> number(value);
        case "value_percent" -> number(value * 100) + "%";
        case "threshold" -> number(threshold);
        case "rule" -> rule;
        default -> labels.get(name);
      };
      m.appendReplacement(out, Matcher.quoteReplacement(replacement));
    }
    m.appendTail(out);
    return out.toString();
  }

  /** Placeholders that are not closed or not names, e.g. {@code {{queue}} or {{ }}}. */
  static List<String> problems(String template) {
    List<String> problems = new ArrayList<>();
    String rest = PLACEHOLDER.matcher(template).replaceAll("");
    if (rest.contains("{{") || rest.contains("}}")) problems.add("malformed placeholder (use {{label}} or {{value}})");
    return problems;
  }

  static Map<String, String> renderAll(Map<String, String> templates, Labels labels, double value, double threshold,
                                       String rule) {
    Map<String, String> out = new java.util.LinkedHashMap<>();
    templates.forEach((k, v) -> out.put(k, render(v, labels, value, threshold, rule)));
    return java.util.Collections.unmodifiableMap(out);
  }

  static String number(double value) {
    if (Double.isNaN(value) || Double.isInfinite(value)) return Double.toString(value);
    if (value == Math.rint(value) && Math.abs(value) < 1e15) return Long.toString((long) value);
    return new BigDecimal(value).round(new MathContext(4)).stripTrailingZeros().toPlainString();
  }

  /** A duration as people write it: 45s, 5m, 1h30m. */
  static String duration(java.time.Duration d) {
    if (d.isZero()) return "0s";
    StringBuilder out = new StringBuilder();
    if (d.toHours() > 0) out.append(d.toHours()).append('h');
    if (d.toMinutesPart() > 0) out.append(d.toMinutesPart()).append('m');
    if (d.toSecondsPart() > 0) out.append(d.toSecondsPart()).append('s');
    if (out.length() == 0) out.append(d.toMillis()).append("ms");
    return out.toString();
  }
}
