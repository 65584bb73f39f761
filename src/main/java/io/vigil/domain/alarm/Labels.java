package io.vigil.domain.alarm;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * An immutable label set, sorted by name, with its hash computed once (label sets are map keys on the sample
 * path). A missing label reads as the empty string, as in Prometheus.
 */
public final class Labels {
  public static final Labels EMPTY = new Labels(new TreeMap<>());

  private final Map<String, String> map;
  private final int hash;

  private Labels(TreeMap<String, String> sorted) {
    this.map = Collections.unmodifiableMap(sorted);
    this.hash = sorted.hashCode();
  }

  public static Labels of(Map<String, String> labels) {
    TreeMap<String, String> sorted = new TreeMap<>();
    labels.forEach((name, value) -> {
      if (name == null || name.isBlank()) throw new IllegalArgumentException("label name must not be blank");
      if (value == null) throw new IllegalArgumentException("label " + name + " has no value");
      sorted.put(name, value);
    });
    return sorted.isEmpty() ? EMPTY : new Labels(sorted);
  }

  /** {@code Labels.of("queue", "orders", "node", "a")}: name, value, name, value... */
  public static Labels of(String... namesAndValues) {
    if (namesAndValues.length % 2 != 0) throw new IllegalArgumentException("labels come in name/value pairs");
    TreeMap<String, String> sorted = new TreeMap<>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      sorted.put(namesAndValues[i], namesAndValues[i + 1]);
    }
    return of(sorted);
  }

  /** The value of a label, or "" when it is absent. */
  public String get(String name) {
    return map.getOrDefault(name, "");
  }

  /** These labels with {@code others} laid over them (others win on a clash). */
  public Labels with(Map<String, String> others) {
    if (others.isEmpty()) return this;
    TreeMap<String, String> merged = new TreeMap<>(map);
    merged.putAll(others);
    return new Labels(merged);
  }

  /** The labels as an unmodifiable sorted map. */
  public Map<String, String> asMap() {
    return map;
  }

  public boolean isEmpty() {
    return map.isEmpty();
  }

  @Override
  public boolean equals(Object o) {
    return this == o || o instanceof Labels other && hash == other.hash && map.equals(other.map);
  }

  @Override
  public int hashCode() {
    return hash;
  }

  @Override
  public String toString() {
    return map.toString();
  }
}
