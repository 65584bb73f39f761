package io.vigil.domain.alarm;

import java.util.Arrays;
import java.util.Optional;

/** How a rule compares a sample's value with its threshold. */
public enum Comparison {
  GT(">"), GE(">="), LT("<"), LE("<="), EQ("=="), NE("!=");

  private final String symbol;

  Comparison(String symbol) {
    this.symbol = symbol;
  }

  public String symbol() {
    return symbol;
  }

  /** Whether {@code value <op> threshold} holds. NaN never breaches anything. */
  public boolean test(double value, double threshold) {
    if (Double.isNaN(value)) return false;
    return switch (this) {
      case GT -> value > threshold;
      case GE -> value >= threshold;
      case LT -> value < threshold;
      case LE -> value <= threshold;
      case EQ -> value == threshold;
      case NE -> value != threshold;
    };
  }

  /** An alarm fires above (GT, GE) or below (LT, LE) its threshold; equality has no direction. */
  boolean firesAbove() {
    return this == GT || this == GE;
  }

  boolean firesBelow() {
    return this == LT || this == LE;
  }

  public static Optional<Comparison> fromSymbol(String symbol) {
    return Arrays.stream(values()).filter(c -> c.symbol.equals(symbol)).findFirst();
  }
}
