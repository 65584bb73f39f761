package io.vigil.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Typed, validated reads from the merged configuration tree, as a view of one node of it (the root, a section, a
 * named entry, a list element). Each read:
 * <ul>
 *   <li>takes the value from the environment ({@code VIGIL_} + the key path in upper snake case), else from the
 *   tree, else from the node's defaults node ({@code queue_defaults} for a queue), else from the default given in
 *   code (the per-kind keys of a probe);</li>
 *   <li>records the key path as known, so that afterwards every key of the file nobody read is reported as unknown
 *   with the closest known key beside it, and every {@code VIGIL_*} variable nobody read as unknown with the closest
 *   known variable;</li>
 *   <li>records the value it resolved to under its path ({@link #settings()}), which is what a reload compares.</li>
 * </ul>
 * Every problem is collected with the exact path that caused it ({@code components.db.probe.timeout_ms},
 * {@code recovery.plans.db.actions[1].timeout_ms}), so a start with several mistakes reports them all at once.
 */
final class ConfigReader {
  /** What all the nodes of one read share. */
  private static final class State {
    final Map<String, String> env;
    final List<ConfigProblem> problems = new ArrayList<>();
    final Set<String> known = new HashSet<>();
    /** Paths under which every key counts as known (free-form maps, a node whose kind could not be told). */
    final Set<String> knownBelow = new HashSet<>();
    final Set<String> usedEnv = new HashSet<>();
    final SortedMap<String, String> settings = new TreeMap<>();

    State(Map<String, String> env) {
      this.env = env;
    }
  }

  private final State state;
  private final String path;
  private final Map<String, Object> map;
  private final ConfigReader defaults;

  ConfigReader(Map<String, Object> root, Map<String, String> env) {
    this(new State(env), "", root, null);
  }

  private ConfigReader(State state, String path, Map<String, Object> map, ConfigReader defaults) {
    this.state = state;
    this.path = path;
    this.map = map == null ? Map.of() : map;
    this.defaults = defaults;
  }

  // ---- problems, paths and bookkeeping ------------------------------------------------------------------

  List<ConfigProblem> problems() {
    return state.problems;
  }

  /** Every value read, by path, as text: the resolved configuration a reload compares. */
  SortedMap<String, String> settings() {
    return Collections.unmodifiableSortedMap(state.settings);
  }

  /** The path of this node ("" for the root). */
  String path() {
    return path;
  }

  /** The full path of {@code key} below this node. */
  String pathOf(String key) {
    return path.isEmpty() ? key : key.startsWith("[") ? path + key : path + "." + key;
  }

  /** Reports a problem with {@code key} of this node ({@code ""}: with the node itself). */
  void problem(String key, String message) {
    state.problems.add(new ConfigProblem(key.isEmpty() ? path : pathOf(key), message));
  }

  /** Marks every key below {@code key} as known: its contents are free-form or were judged as a whole. */
  void acceptAllBelow(String key) {
    state.knownBelow.add(key.isEmpty() ? path : pathOf(key));
  }

  boolean has(String key) {
    return lookup(key, false) != null;
  }

  // ---- raw lookup -----------------------------------------------------------------------------------------

  /** The value of {@code key} (dotted keys walk down sections: {@code http.port}), or null. */
  Object raw(String key) {
    return lookup(key, true);
  }

  private Object lookup(String key, boolean mark) {
    String full = pathOf(key);
    if (mark) state.known.add(full);
    String variable = ConfigTree.envName(full);
    String fromEnv = state.env.get(variable);
    if (fromEnv != null) {
      if (mark) state.usedEnv.add(variable);
      return ConfigTree.scalar(fromEnv);
    }
    Object node = map;
    for (String part : key.split("\\.")) {
      if (!(node instanceof Map<?, ?> m)) {
        node = null;
        break;
      }
      node = m.get(part);
    }
    if (node == null && defaults != null) return mark ? defaults.raw(key) : defaults.lookup(key, false);
    return node;
  }

  private <T> T resolved(String key, T value) {
    state.known.add(pathOf(key)); // a key left to its default in code is still a key the environment may set
    state.settings.put(pathOf(key), String.valueOf(value));
    return value;
  }

  // ---- scalars ------------------------------------------------------------------------------------------

  String string(String key) {
    Object value = raw(key);
    if (value == null) return resolved(key, "");
    if (value instanceof Map || value instanceof List) {
      problem(key, "expected a text value");
      return "";
    }
    return resolved(key, value.toString().trim());
  }

  /** Text with a default in code when the key is absent. */
  String string(String key, String fallback) {
    return has(key) ? string(key) : resolved(key, fallback);
  }

  /** Text that must be present and not blank. */
  String requiredString(String key) {
    String value = string(key);
    if (value.isEmpty()) problem(key, "is required");
    return value;
  }

  long longValue(String key, long min, long max) {
    Object value = raw(key);
    long parsed;
    if (value == null) {
      problem(key, "is required");
      return min;
    }
    if (value instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
      parsed = n.longValue();
    } else {
      try {
        parsed = Long.parseLong(String.valueOf(value).trim());
      } catch (NumberFormatException e) {
        problem(key, "'" + value + "' is not a whole number");
        return min;
      }
    }
    if (parsed < min || parsed > max) {
      problem(key, parsed + " is out of range [" + min + ", " + max + "]");
      return min;
    }
    return resolved(key, parsed);
  }

  long longValue(String key, long fallback, long min, long max) {
    return has(key) ? longValue(key, min, max) : resolved(key, fallback);
  }

  int integer(String key, int min, int max) {
    return (int) longValue(key, min, max);
  }

  int integer(String key, int fallback, int min, int max) {
    return (int) longValue(key, fallback, min, max);
  }

  Duration millis(String key, long min, long max) {
    return Duration.ofMillis(longValue(key, min, max));
  }

  Duration millis(String key, long fallback, long min, long max) {
    return Duration.ofMillis(longValue(key, fallback, min, max));
  }

  double decimal(String key, double min, double max) {
    Object value = raw(key);
    double parsed;
    try {
      parsed = value instanceof Number n ? n.doubleValue() : Double.parseDouble(String.valueOf(value).trim());
    } catch (NumberFormatException e) {
      problem(key, "'" + value + "' is not a number");
      return min;
    }
    if (Double.isNaN(parsed) || parsed < min || parsed > max) {
      problem(key, parsed + " is out of range [" + min + ", " + max + "]");
      return min;
    }
    return resolved(key, parsed);
  }

  double decimal(String key, double fallback, double min, double max) {
    return has(key) ? decimal(key, min, max) : resolved(key, fallback);
  }

  /**
   * A duration written with its unit: {@code 250ms}, {@code 30s}, {@code 5m}, {@code 2h}, {@code 1d}, or parts of
   * them together ({@code 1h30m}); {@code 0} alone means none. Absent: {@code fallback}.
   */
  Duration duration(String key, Duration fallback, Duration min, Duration max) {
    if (!has(key)) return resolvedDuration(key, fallback);
    String text = string(key);
    Duration parsed = Durations.parse(text);
    if (parsed == null) {
      problem(key, "'" + text + "' is not a duration; write it with a unit: 500ms, 30s, 5m, 2h, 1d (or 1h30m)");
      return fallback;
    }
    if (parsed.compareTo(min) < 0 || parsed.compareTo(max) > 0) {
      problem(key, text + " is out of range [" + Durations.format(min) + ", " + Durations.format(max) + "]");
      return fallback;
    }
    return resolvedDuration(key, parsed);
  }

  private Duration resolvedDuration(String key, Duration value) {
    resolved(key, value == null ? null : Durations.format(value));
    return value;
  }

  /**
   * The secret in the environment variable that {@code key} names ({@code webhook_url_env: VIGIL_SLACK_URL}). The
   * variable counts as used (it is not reported as matching no setting); the settings record its name, never its
   * value. Null, with a problem, when the key is absent or the variable unset or blank; null without one when the
   * key is absent and not {@code required}.
   */
  EnvSecret envSecret(String key, boolean required) {
    if (!has(key)) {
      if (required) problem(key, "is required: the name of the environment variable that holds the secret");
      else resolved(key, "");
      return null;
    }
    String variable = string(key);
    if (variable.isEmpty()) {
      if (required) problem(key, "is required: the name of the environment variable that holds the secret");
      return null;
    }
    String value = state.env.get(variable);
    state.usedEnv.add(variable);
    if (value == null || value.isBlank()) {
      problem(key, "environment variable " + variable + " is not set");
      return null;
    }
    return new EnvSecret(variable, value);
  }

  boolean bool(String key) {
    Object value = raw(key);
    if (value instanceof Boolean b) return resolved(key, b);
    String text = String.valueOf(value).trim();
    if (text.equals("true") || text.equals("false")) return resolved(key, Boolean.parseBoolean(text));
    problem(key, "'" + value + "' is not one of [true, false]");
    return false;
  }

  boolean bool(String key, boolean fallback) {
    return has(key) ? bool(key) : resolved(key, fallback);
  }

  /** One of the allowed names; the error lists them and names the closest. */
  <E> E oneOf(String key, Map<String, E> allowed, E fallback) {
    String value = string(key);
    E found = allowed.get(value);
    if (found == null) {
      problem(key, "'" + value + "' is not one of " + new TreeSet<>(allowed.keySet())
          + Suggestions.closest(value, allowed.keySet()).map(s -> " — did you mean " + s + "?").orElse(""));
      return fallback;
    }
    return found;
  }

  static <E extends Enum<E>> Map<String, E> byWireName(E[] values, Function<E, String> wireName) {
    Map<String, E> map = new LinkedHashMap<>();
    for (E value : values) map.put(wireName.apply(value), value);
    return map;
  }

  // ---- lists and maps of scalars ------------------------------------------------------------------------

  /**
   * A list of text values: a YAML list, or (from the environment) one comma-separated line. Absent: {@code fallback}.
   */
  List<String> strings(String key, List<String> fallback) {
    if (!has(key)) return resolved(key, fallback);
    Object value = raw(key);
    List<String> out = new ArrayList<>();
    if (value instanceof List<?> list) {
      for (int i = 0; i < list.size(); i++) {
        Object item = list.get(i);
        if (item == null || item instanceof Map || item instanceof List) {
          problem(key + "[" + i + "]", "expected a text value");
        } else {
          out.add(item.toString().trim());
        }
      }
    } else if (value instanceof Map) {
      problem(key, "expected a list");
    } else {
      for (String item : value.toString().split(",")) {
        if (!item.isBlank()) out.add(item.trim());
      }
    }
    return resolved(key, List.copyOf(out));
  }

  /** A list of whole numbers in [min, max]. */
  List<Integer> integers(String key, List<Integer> fallback, int min, int max) {
    List<Integer> out = new ArrayList<>();
    List<String> texts = strings(key, null);
    if (texts == null) return resolved(key, fallback);
    for (int i = 0; i < texts.size(); i++) {
      try {
        int n = Integer.parseInt(texts.get(i));
        if (n < min || n > max) problem(key + "[" + i + "]", n + " is out of range [" + min + ", " + max + "]");
        else out.add(n);
      } catch (NumberFormatException e) {
        problem(key + "[" + i + "]", "'" + texts.get(i) + "' is not a whole number");
      }
    }
    return resolved(key, List.copyOf(out));
  }

  /**
   * A map with keys the user chooses (HTTP headers) and text values. Each value may be overridden from the
   * environment like any key ({@code VIGIL_COMPONENTS_API_PROBE_HEADERS_AUTHORIZATION}), so secrets stay out of
   * the file: put the key in the file with an empty value.
   */
  Map<String, String> stringMap(String key) {
    ConfigReader node = child(key);
    acceptAllBelow(key);
    Map<String, String> out = new LinkedHashMap<>();
    for (String name : node.map.keySet()) out.put(name, node.string(name));
    return Collections.unmodifiableMap(out);
  }

  // ---- nodes: sections, named entries, lists of entries, kinds -------------------------------------------

  /** An ISO-8601 instant ({@code 2026-01-01T00:00:00Z}, quoted or not); null when absent or malformed. */
  java.time.Instant instant(String key) {
    Object value = raw(key);
    if (value == null) return null;
    if (value instanceof java.util.Date date) return resolved(key, date.toInstant());
    try {
      return resolved(key, java.time.Instant.parse(String.valueOf(value).trim()));
    } catch (java.time.format.DateTimeParseException e) {
      problem(key, "'" + value + "' is not an ISO-8601 instant such as 2026-01-01T00:00:00Z");
      return null;
    }
  }

  /** A free-form map (a task's payload): every key below it is accepted, and the whole is one setting. */
  @SuppressWarnings("unchecked")
  Map<String, Object> freeMap(String key) {
    Object value = raw(key);
    acceptAllBelow(key);
    if (value == null) return Map.of();
    if (!(value instanceof Map<?, ?> m)) {
      problem(key, "expected a map");
      return Map.of();
    }
    return resolved(key, (Map<String, Object>) m);
  }

  /** The section under {@code key} (an empty one when absent; a problem when it is not a map). */
  ConfigReader child(String key) {
    Object value = raw(key);
    Map<String, Object> body = asMap(key, value);
    ConfigReader fallback = defaults == null ? null : defaults.childOrNull(key);
    return new ConfigReader(state, pathOf(key), body, fallback);
  }

  private ConfigReader childOrNull(String key) {
    Object value = lookup(key, false);
    return value instanceof Map<?, ?> ? child(key) : null;
  }

  /**
   * The named entries of a map section ({@code queues.billing}), in file order, each a node that takes the keys it
   * does not set from {@code defaultsSection} (a path from the root, or null).
   */
  Map<String, ConfigReader> entries(String key, ConfigReader entryDefaults) {
    Object value = raw(key);
    Map<String, ConfigReader> out = new LinkedHashMap<>();
    if (value == null) return out;
    if (!(value instanceof Map<?, ?> entries)) {
      problem(key, "expected a map of named entries");
      return out;
    }
    entries.forEach((name, body) -> {
      String entryPath = pathOf(key) + "." + name;
      state.known.add(entryPath);
      out.put(String.valueOf(name), new ConfigReader(state, entryPath, asMapAt(entryPath, body), entryDefaults));
    });
    return out;
  }

  /** The elements of a list of maps ({@code actions[0]}, {@code actions[1]}...), each a node. */
  List<ConfigReader> list(String key) {
    Object value = raw(key);
    List<ConfigReader> out = new ArrayList<>();
    if (value == null) return out;
    if (!(value instanceof List<?> items)) {
      problem(key, "expected a list");
      return out;
    }
    for (int i = 0; i < items.size(); i++) {
      String elementPath = pathOf(key) + "[" + i + "]";
      state.known.add(elementPath);
      out.add(new ConfigReader(state, elementPath, asMapAt(elementPath, items.get(i)), null));
    }
    return out;
  }

  /**
   * Reads this node as one of several kinds, told apart by its {@code discriminator} key: each kind's reader reads
   * the keys that kind has, so a key another kind has is unknown here. An unknown kind is one problem that lists
   * the kinds; the node's other keys are then not judged. Answers null when the kind is unknown.
   */
  <T> T kind(String discriminator, Map<String, Function<ConfigReader, T>> kinds) {
    String name = string(discriminator);
    Function<ConfigReader, T> reader = kinds.get(name);
    if (reader == null) {
      problem(discriminator, (name.isEmpty() ? "is required" : "'" + name + "' is not known") + "; one of "
          + new TreeSet<>(kinds.keySet())
          + Suggestions.closest(name, kinds.keySet()).map(s -> " — did you mean " + s + "?").orElse(""));
      acceptAllBelow("");
      return null;
    }
    return reader.apply(this);
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> asMap(String key, Object value) {
    if (value == null) return Map.of();
    if (value instanceof Map<?, ?> m) return (Map<String, Object>) m;
    problem(key, "expected a map");
    return Map.of();
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> asMapAt(String fullPath, Object value) {
    if (value instanceof Map<?, ?> m) return (Map<String, Object>) m;
    state.problems.add(new ConfigProblem(fullPath, value == null ? "is empty; expected a map" : "expected a map"));
    return Map.of();
  }

  /**
   * Reads this node as a defaults section ({@code queue_defaults}): every key is known and recorded (with the
   * environment over it) as written. Its values are validated where an entry inherits them, not here: a template may
   * leave out what only makes sense per entry (the target of an {@code http} task type).
   */
  void readAsTemplate() {
    template(map, path);
  }

  @SuppressWarnings("unchecked")
  private void template(Map<String, Object> node, String at) {
    node.forEach((key, value) -> {
      String full = at.isEmpty() ? key : at + "." + key;
      if (value instanceof Map<?, ?> m && !m.isEmpty()) {
        template((Map<String, Object>) m, full);
        return;
      }
      state.known.add(full);
      String variable = ConfigTree.envName(full);
      String fromEnv = state.env.get(variable);
      if (fromEnv != null) state.usedEnv.add(variable);
      state.settings.put(full, fromEnv != null ? String.valueOf(ConfigTree.scalar(fromEnv)) : String.valueOf(value));
    });
  }

  // ---- after reading: what nobody read ------------------------------------------------------------------

  /**
   * Reports every key of {@code tree} that no read asked for, naming the closest key known at the same place, and
   * every {@code VIGIL_*} variable of the environment that matched no key, naming the closest variable.
   */
  void reportUnread(Map<String, Object> tree, Set<String> reservedVariables, List<String> reservedPrefixes) {
    for (String leaf : ConfigTree.leaves(tree, "")) {
      if (isKnown(leaf)) continue;
      state.problems.add(new ConfigProblem(leaf, unknownKeyMessage(leaf)));
    }
    Set<String> variables = new TreeSet<>();
    state.known.forEach(p -> variables.add(ConfigTree.envName(p)));
    for (String variable : new TreeSet<>(state.env.keySet())) {
      if (!variable.startsWith("VIGIL_") || state.usedEnv.contains(variable) || reservedVariables.contains(variable)
          || reservedPrefixes.stream().anyMatch(variable::startsWith)) {
        continue;
      }
      state.problems.add(new ConfigProblem(variable, "matches no setting"
          + Suggestions.closest(variable, variables).map(s -> " — did you mean " + s + "?").orElse("")));
    }
  }

  private boolean isKnown(String leaf) {
    if (state.known.contains(leaf)) return true;
    for (String below : state.knownBelow) {
      if (leaf.startsWith(below + ".") || leaf.startsWith(below + "[")) return true;
    }
    return false;
  }

  private String unknownKeyMessage(String leaf) {
    int cut = Math.max(leaf.lastIndexOf('.'), leaf.lastIndexOf('['));
    String parent = cut < 0 ? "" : leaf.substring(0, cut);
    String name = cut < 0 ? leaf : leaf.substring(leaf.charAt(cut) == '.' ? cut + 1 : cut);
    Set<String> siblings = new TreeSet<>();
    for (String known : state.known) {
      String rest = parent.isEmpty() ? known : known.startsWith(parent + ".") ? known.substring(parent.length() + 1) : null;
      if (rest == null || rest.isEmpty()) continue;
      int end = rest.indexOf('.');
      siblings.add(end < 0 ? rest : rest.substring(0, end));
    }
    return "unknown key" + Suggestions.closest(name, siblings).map(s -> " — did you mean " + s + "?")
        .orElse(siblings.isEmpty() || siblings.size() > 30 ? "" : " (known here: " + String.join(", ", siblings) + ")");
  }
}
