package io.vigil.config;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Plain-map operations on a parsed YAML tree: parse, deep merge, list leaves, name environment variables. */
final class ConfigTree {
  private ConfigTree() {}

  static Map<String, Object> parse(String yaml, String origin) {
    if (yaml == null || yaml.isBlank()) return new LinkedHashMap<>();
    Object loaded;
    try {
      LoaderOptions options = new LoaderOptions();
      options.setAllowDuplicateKeys(false); // a key written twice is a mistake, not "the last one wins"
      loaded = new Yaml(new SafeConstructor(options)).load(yaml);
    } catch (MarkedYAMLException e) {
      String where = e.getProblemMark() == null ? ""
          : " at line " + (e.getProblemMark().getLine() + 1) + ", column " + (e.getProblemMark().getColumn() + 1);
      throw new ConfigException(origin, "not valid YAML (" + e.getProblem() + where + ")");
    } catch (RuntimeException e) {
      String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      throw new ConfigException(origin, "not valid YAML (" + message.lines().findFirst().orElse("") + ")");
    }
    if (loaded == null) return new LinkedHashMap<>();
    if (!(loaded instanceof Map<?, ?>)) throw new ConfigException(origin, "the top level must be a map of sections");
    return copy(loaded);
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> copy(Object map) {
    Map<String, Object> out = new LinkedHashMap<>();
    ((Map<Object, Object>) map).forEach((k, v) -> out.put(String.valueOf(k), copyValue(v)));
    return out;
  }

  private static Object copyValue(Object value) {
    if (value instanceof Map<?, ?> m) return copy(m);
    if (value instanceof List<?> list) return list.stream().map(ConfigTree::copyValue).toList();
    return value;
  }

  /**
   * Lays {@code over} onto {@code base}: maps merge key by key (so a user's file adds queues and components to the
   * bundled ones and overrides single keys of them), anything else replaces. A section given as a scalar where the
   * defaults have a map is a problem; which keys exist is judged later, by what the reader reads.
   */
  @SuppressWarnings("unchecked")
  static void merge(Map<String, Object> base, Map<String, Object> over, String prefix, List<ConfigProblem> problems) {
    for (Map.Entry<String, Object> entry : over.entrySet()) {
      String key = entry.getKey();
      String path = prefix.isEmpty() ? key : prefix + "." + key;
      Object value = entry.getValue();
      Object existing = base.get(key);
      if (existing instanceof Map<?, ?> && value == null) {
        continue; // "components:" with nothing under it adds nothing; it does not drop the bundled entries
      } else if (existing instanceof Map<?, ?> && value instanceof Map<?, ?>) {
        merge((Map<String, Object>) existing, (Map<String, Object>) value, path, problems);
      } else if (existing instanceof Map<?, ?> && value != null) {
        problems.add(new ConfigProblem(path, "expected a map"));
      } else {
        base.put(key, value);
      }
    }
  }

  /** Every leaf key path: dotted through maps, {@code [i]} through lists of maps; a list of scalars is one leaf. */
  @SuppressWarnings("unchecked")
  static List<String> leaves(Map<String, Object> tree, String prefix) {
    List<String> out = new ArrayList<>();
    tree.forEach((key, value) -> {
      String path = prefix.isEmpty() ? key : prefix + "." + key;
      if (value instanceof Map<?, ?> m && !m.isEmpty()) {
        out.addAll(leaves((Map<String, Object>) m, path));
      } else if (value instanceof List<?> list && list.stream().anyMatch(Map.class::isInstance)) {
        for (int i = 0; i < list.size(); i++) {
          Object item = list.get(i);
          if (item instanceof Map<?, ?> m && !m.isEmpty()) out.addAll(leaves((Map<String, Object>) m, path + "[" + i + "]"));
          else out.add(path + "[" + i + "]");
        }
      } else {
        out.add(path);
      }
    });
    return out;
  }

  /**
   * {@code http.body_limit_bytes} -> {@code VIGIL_HTTP_BODY_LIMIT_BYTES}; {@code plans.db.actions[1].timeout_ms}
   * -> {@code VIGIL_PLANS_DB_ACTIONS_1_TIMEOUT_MS}; other characters become '_'.
   */
  static String envName(String path) {
    return "VIGIL_" + path.replace("[", ".").replace("]", "").toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
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
