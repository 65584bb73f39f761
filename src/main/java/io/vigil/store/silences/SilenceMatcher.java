package io.vigil.store.silences;

import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * One label condition of a silence, as Alertmanager writes them: {@code name = value}, {@code !=}, {@code =~} (the
 * whole value matches the regular expression) and {@code !~}. A label the alarm does not have counts as the empty
 * string, so {@code env != prod} matches an alarm without {@code env}.
 */
public record SilenceMatcher(String name, Op op, String value) {

  public enum Op {
    EQUAL("="), NOT_EQUAL("!="), REGEX("=~"), NOT_REGEX("!~");

    private final String symbol;

    Op(String symbol) {
      this.symbol = symbol;
    }

    public String symbol() {
      return symbol;
    }

    public static Op fromSymbol(String symbol) {
      for (Op op : values()) if (op.symbol.equals(symbol)) return op;
      throw new IllegalArgumentException("'" + symbol + "' is not one of =, !=, =~, !~");
    }
  }

  public SilenceMatcher {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(op, "op");
    Objects.requireNonNull(value, "value");
    if (name.isBlank()) throw new IllegalArgumentException("a matcher needs a label name");
    if (op == Op.REGEX || op == Op.NOT_REGEX) {
      try {
        Pattern.compile(value);
      } catch (PatternSyntaxException e) {
        throw new IllegalArgumentException("'" + value + "' is not a regular expression: " + e.getDescription(), e);
      }
    }
  }

  public boolean matches(Map<String, String> labels) {
    String actual = labels.getOrDefault(name, "");
    return switch (op) {
      case EQUAL -> actual.equals(value);
      case NOT_EQUAL -> !actual.equals(value);
      case REGEX -> Pattern.matches(value, actual);
      case NOT_REGEX -> !Pattern.matches(value, actual);
    };
  }
}
