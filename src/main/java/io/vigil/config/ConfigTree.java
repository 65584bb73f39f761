package io.vigil.config;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Plain-map operations on a parsed YAML tree: parse, deep merge, expand entry defaults, list leaves. */
final class ConfigTree {
  private ConfigTree() {}

  /** Sections whose entries are named by the user and take their keys from a defaults section. */
  static final Map<String, String> ENTRY_DEFAULTS = Map.of(
      "queues", "queue_defaults",
      "task_types", "task_type_defaults");

  static Map<String, Object> parse(String yaml, String origin) {
    if (yaml == null || yaml.isBlank()) return new LinkedHashMap<>();
    Object loaded;
    try {
      loaded = new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
    } catch (RuntimeException e) {
      throw new ConfigException(origin + ": not valid YAML (" + e.getMessage().lines().findFirst().orElse("") + ")");
    }
    if (loaded == null) return new LinkedHashMap<>();
    if (!(loaded instanceof Map<?, ?>)) throw new ConfigException(origin + ": the top level must be a map of sections");
    return copy(loaded);
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> copy(Object map) {
    Map<String, Object> out = new LinkedHashMap<>();
    ((Map<Object, Object>) map).forEach((k, v) -> out.put(String.valueOf(k), v instanceof Map<?, ?> m ? copy(m) : v));
    return out;
  }

  /**
   * Lays {@code over} onto {@code base}. Keys {@code over} has that {@code base} lacks are reported, except
   * the user-named entries of {@link #ENTRY_DEFAULTS} sections, whose keys are checked against their defaults.
   */
  @SuppressWarnings("unchecked")
  static void merge(Map<String, Object> base, Map<String, Object> over, String prefix, List<String> unknown) {
    for (Map.Entry<String, Object> entry : over.entrySet()) {
      String key = entry.getKey();
      String path = prefix.isEmpty() ? key : prefix + "." + key;
      Object value = entry.getValue();
      boolean namedEntry = prefix.isEmpty() && ENTRY_DEFAULTS.containsKey(key);
      if (!base.containsKey(key)) {
        unknown.add(path);
        continue;
      }
      Object existing = base.get(key);
      if (namedEntry && value instanceof Map<?, ?> entries) {
        Map<String, Object> target = (Map<String, Object>) base.computeIfAbsent(key, k -> new LinkedHashMap<>());
        ((Map<String, Object>) entries).forEach((name, body) -> {
          Map<String, Object> into = (Map<String, Object>) target.computeIfAbsent(name, n -> new LinkedHashMap<>());
          if (body instanceof Map<?, ?> b) into.putAll((Map<String, Object>) b);
          else if (body != null) unknown.add(path + "." + name + " (expected a map)");
        });
      } else if (existing instanceof Map<?, ?> && value instanceof Map<?, ?>) {
        merge((Map<String, Object>) existing, (Map<String, Object>) value, path, unknown);
      } else if (existing instanceof Map<?, ?> && value != null) {
        unknown.add(path + " (expected a map)");
      } else {
        base.put(key, value);
      }
    }
  }

  /** Replaces each named entry by its section defaults with the entry's own keys laid over them. */
  @SuppressWarnings("unchecked")
  static void expandEntries(Map<String, Object> root, List<String> unknown) {
    ENTRY_DEFAULTS.forEach((section, defaultsSection) -> {
      Object entries = root.get(section);
      Map<String, Object> defaults = (Map<String, Object>) root.get(defaultsSection);
      if (!(entries instanceof Map<?, ?> map) || defaults == null) return;
      Map<String, Object> expanded = new LinkedHashMap<>();
      ((Map<String, Object>) map).forEach((name, body) -> {
        Map<String, Object> merged = copy(defaults);
        if (body instanceof Map<?, ?> b) merge(merged, (Map<String, Object>) b, section + "." + name, unknown);
        expanded.put(name, merged);
      });
      root.put(section, expanded);
    });
  }

  /** Every leaf key path, dotted. */
  @SuppressWarnings("unchecked")
  static List<String> leaves(Map<String, Object> tree, String prefix) {
    List<String> out = new ArrayList<>();
    tree.forEach((key, value) -> {
      String path = prefix.isEmpty() ? key : prefix + "." + key;
      if (value instanceof Map<?, ?> m && !m.isEmpty()) out.addAll(leaves((Map<String, Object>) m, path));
      else out.add(path);
    });
    return out;
  }

  @SuppressWarnings("unchecked")
  static void set(Map<String, Object> tree, String path, Object value) {
    String[] parts = path.split("\\.");
    Map<String, Object> node = tree;
    for (int i = 0; i < parts.length - 1; i++) {
      node = (Map<String, Object>) node.computeIfAbsent(parts[i], k -> new LinkedHashMap<>());
    }
    node.put(parts[parts.length - 1], value);
  }

  /** {@code http.body_limit_bytes} -> {@code VIGIL_HTTP_BODY_LIMIT_BYTES}; other characters become '_'. */
  static String envName(String path) {
    return "VIGIL_" + path.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
  }

  /** An environment value read as a YAML scalar, so "5", "true" and "2.5" get their types. */
  static Object scalar(String text) {
    try {
      Object value = new Yaml(new SafeConstructor(new LoaderOptions())).load(text);
      return value instanceof Map || value instanceof List || value == null ? text : value;
    } catch (RuntimeException e) {
      return text;
    }
  }
}
