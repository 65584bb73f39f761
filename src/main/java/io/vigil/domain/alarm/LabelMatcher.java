package io.vigil.domain.alarm;

import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * One condition on one label, as in Prometheus and Alertmanager: {@code queue="orders"}, {@code queue!="orders"},
 * {@code queue=~"orders|billing"}, {@code queue!~"test-.*"}. Regular expressions are anchored (they must match the
 * whole value); a missing label has the value "" (so {@code team!="ops"} matches an alarm with no team).
 */
public final class LabelMatcher {
  public enum Op {
    EQ("="), NE("!="), RE("=~"), NRE("!~");

    private final String symbol;

    Op(String symbol) {
      this.symbol = symbol;
    }

    public String symbol() {
      return symbol;
    }
  }

  private static final Pattern SYNTAX = Pattern.compile("\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*(=~|!~|!=|=)\\s*(.*?)\\s*");

  private final String name;
  private final Op op;
  private final String value;
  private final Pattern pattern;

  private LabelMatcher(String name, Op op, String value) {
    this.name = Objects.requireNonNull(name, "name");
    this.op = Objects.requireNonNull(op, "op");
    this.value = Objects.requireNonNull(value, "value");
    if (name.isBlank()) throw new IllegalArgumentException("matcher label name must not be blank");
    if (op == Op.RE || op == Op.NRE) {
      try {
        this.pattern = Pattern.compile(value);
      } catch (PatternSyntaxException e) {
        throw new IllegalArgumentException("matcher " + name + op.symbol + value + ": bad regular expression: "
            + e.getDescription());
      }
    } else {
      this.pattern = null;
    }
  }

  public static LabelMatcher of(String name, Op op, String value) {
    return new LabelMatcher(name, op, value);
  }

  public static LabelMatcher eq(String name, String value) {
    return new LabelMatcher(name, Op.EQ, value);
  }

  public static LabelMatcher ne(String name, String value) {
    return new LabelMatcher(name, Op.NE, value);
  }

  public static LabelMatcher re(String name, String regex) {
    return new LabelMatcher(name, Op.RE, regex);
  }

  public static LabelMatcher nre(String name, String regex) {
    return new LabelMatcher(name, Op.NRE, regex);
  }

  /** Parses {@code name=value}, {@code name!=value}, {@code name=~regex} or {@code name!~regex}; quotes optional. */
  public static LabelMatcher parse(String text) {
    Matcher m = SYNTAX.matcher(text == null ? "" : text);
    if (!m.matches()) {
      throw new IllegalArgumentException("matcher '" + text + "': expected name=value, name!=value, name=~regex "
          + "or name!~regex");
    }
    String op = m.group(2);
    String raw = m.group(3);
    String value = raw.length() >= 2 && raw.startsWith("\"") && raw.endsWith("\"") ? raw.substring(1, raw.length() - 1) : raw;
    Op parsed = switch (op) {
      case "=" -> Op.EQ;
      case "!=" -> Op.NE;
      case "=~" -> Op.RE;
      default -> Op.NRE;
    };
    return new LabelMatcher(m.group(1), parsed, value);
  }

  public boolean matches(Labels labels) {
    String actual = labels.get(name);
    return switch (op) {
      case EQ -> actual.equals(value);
      case NE -> !actual.equals(value);
      case RE -> pattern.matcher(actual).matches();
      case NRE -> !pattern.matcher(actual).matches();
    };
  }

  public String name() {
    return name;
  }

  public Op op() {
    return op;
  }

  public String value() {
    return value;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof LabelMatcher other && name.equals(other.name) && op == other.op && value.equals(other.value);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, op, value);
  }

  /** The matcher in its parseable form, e.g. {@code queue=~"orders|billing"}. */
  @Override
  public String toString() {
    return name + op.symbol + '"' + value + '"';
  }
}
