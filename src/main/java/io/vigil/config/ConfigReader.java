package io.vigil.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Typed, validated reads from the merged configuration tree. Every problem is collected with the key that
 * caused it, so a start with several mistakes reports them all at once.
 */
final class ConfigReader {
  private final Map<String, Object> root;
  private final List<String> problems = new ArrayList<>();

  ConfigReader(Map<String, Object> root) {
    this.root = root;
  }

  List<String> problems() {
    return problems;
  }

  void problem(String path, String message) {
    problems.add(path + ": " + message);
  }

  Object raw(String path) {
    Object node = root;
    for (String part : path.split("\\.")) {
      if (!(node instanceof Map<?, ?> map)) return null;
      node = map.get(part);
    }
    return node;
  }

  String string(String path) {
    Object value = raw(path);
    if (value == null) return "";
    if (value instanceof Map || value instanceof List) {
      problem(path, "expected a text value");
      return "";
    }
    return value.toString().trim();
  }

  long longValue(String path, long min, long max) {
    Object value = raw(path);
    long parsed;
    if (value instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
      parsed = n.longValue();
    } else {
      try {
        parsed = Long.parseLong(String.valueOf(value).trim());
      } catch (NumberFormatException e) {
        problem(path, "'" + value + "' is not a whole number");
        return min;
      }
    }
    if (parsed < min || parsed > max) {
      problem(path, parsed + " is out of range [" + min + ", " + max + "]");
      return min;
    }
    return parsed;
  }

  int integer(String path, int min, int max) {
    return (int) longValue(path, min, max);
  }

  Duration millis(String path, long min, long max) {
    return Duration.ofMillis(longValue(path, min, max));
  }

  double decimal(String path, double min, double max) {
    Object value = raw(path);
    double parsed;
    try {
      parsed = value instanceof Number n ? n.doubleValue() : Double.parseDouble(String.valueOf(value).trim());
    } catch (NumberFormatException e) {
      problem(path, "'" + value + "' is not a number");
      return min;
    }
    if (Double.isNaN(parsed) || parsed < min || parsed > max) {
      problem(path, parsed + " is out of range [" + min + ", " + max + "]");
      return min;
    }
    return parsed;
  }

  boolean bool(String path) {
    Object value = raw(path);
    if (value instanceof Boolean b) return b;
    String text = String.valueOf(value).trim();
    if (text.equals("true") || text.equals("false")) return Boolean.parseBoolean(text);
    problem(path, "'" + value + "' is not one of [true, false]");
    return false;
  }

  /** One of the allowed names; the error lists them. */
  <E> E oneOf(String path, Map<String, E> allowed, E fallback) {
    String value = string(path);
    E found = allowed.get(value);
    if (found == null) {
      problem(path, "'" + value + "' is not one of " + new TreeSet<>(allowed.keySet()));
      return fallback;
    }
    return found;
  }

  /** The entries of a map section, in file order. */
  Set<String> names(String path) {
    Object value = raw(path);
    if (value instanceof Map<?, ?> map) {
      Set<String> names = new java.util.LinkedHashSet<>();
      map.keySet().forEach(k -> names.add(k.toString()));
      return names;
    }
    return Set.of();
  }

  static <E extends Enum<E>> Map<String, E> byWireName(E[] values, Function<E, String> wireName) {
    Map<String, E> map = new LinkedHashMap<>();
    for (E value : values) map.put(wireName.apply(value), value);
    return map;
  }
}
