package io.vigil.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads {@code components:}, a map of components named by id (not a list): an id is the stable handle that APIs,
 * alarms, {@code depends_on} and the environment ({@code VIGIL_COMPONENTS_DB_PROBE_URL}) refer to, and a reload
 * that inserts one component reports that one as added instead of every later list index as changed.
 */
final class ComponentsReader {
  static final String ID_PATTERN = "[A-Za-z0-9._-]{1,64}";

  private ComponentsReader() {}

  static Map<String, ComponentConfig> read(ConfigReader root, Set<String> queues, boolean ownRedis, boolean ownStore) {
    ProbeSpecReader probes = new ProbeSpecReader(ProbeSpecReader.readDefaults(root.child("probe_defaults")), queues);
    Map<String, ConfigReader> entries = root.entries("components", null);
    Map<String, ComponentConfig> out = new LinkedHashMap<>();
    entries.forEach((id, c) -> {
      if (!id.matches(ID_PATTERN)) c.problem("", "a component id must match " + ID_PATTERN);
      ProbeSpec probe = probes.read(c.child("probe"));
      ComponentKind kind = c.has("kind")
          ? c.oneOf("kind", ConfigReader.byWireName(ComponentKind.values(), ComponentKind::wireName), ComponentKind.SERVICE)
          : probe == null ? ComponentKind.SERVICE : ComponentKind.of(probe.type());
      List<String> parents = c.strings("depends_on", List.of());
      for (int i = 0; i < parents.size(); i++) {
        String parent = parents.get(i);
        if (parent.equals(id)) c.problem("depends_on[" + i + "]", "a component cannot depend on itself");
        else if (!entries.containsKey(parent)) {
          c.problem("depends_on[" + i + "]", "'" + parent + "' is not a component"
              + Suggestions.closest(parent, entries.keySet()).map(s -> " — did you mean " + s + "?").orElse(""));
        }
      }
      boolean enabled = c.bool("enabled", true) && probe != null
          && !(probe instanceof ProbeSpec.Redis r && r.own() && !ownRedis)
          && !(probe instanceof ProbeSpec.Postgres p && p.own() && !ownStore);
      out.put(id, new ComponentConfig(id, c.string("name", id), kind, parents, c.bool("critical", false),
          c.bool("auto_recoverable", false), enabled, actions(c, kind), probe, c.bool("breaker", false)));
    });
    reportCycles(root, out);
    return Collections.unmodifiableMap(out);
  }

  private static ComponentKind.SuggestedActions actions(ConfigReader c, ComponentKind kind) {
    ComponentKind.SuggestedActions builtIn = kind.defaultActions();
    if (!c.has("suggested_action")) return builtIn;
    ConfigReader texts = c.child("suggested_action");
    return new ComponentKind.SuggestedActions(texts.string("degraded", builtIn.degraded()),
        texts.string("unhealthy", builtIn.unhealthy()), texts.string("unknown", builtIn.unknown()));
  }

  /** A {@code depends_on} loop would suppress its own alarms forever; each loop is named once. */
  private static void reportCycles(ConfigReader root, Map<String, ComponentConfig> components) {
    Set<String> reported = new java.util.HashSet<>();
    for (String start : components.keySet()) {
      List<String> path = new ArrayList<>();
      String cycle = findCycle(start, components, path, new java.util.HashSet<>());
      if (cycle != null && reported.add(cycle)) {
        root.problem("components." + start + ".depends_on", "forms a loop: " + cycle);
      }
    }
  }

  private static String findCycle(String id, Map<String, ComponentConfig> all, List<String> path, Set<String> done) {
    if (path.contains(id)) {
      List<String> loop = new ArrayList<>(path.subList(path.indexOf(id), path.size()));
      // name a loop the same way from wherever it is found: start at its smallest id
      int first = loop.indexOf(Collections.min(loop));
      Collections.rotate(loop, -first);
      loop.add(loop.get(0));
      return String.join(" -> ", loop);
    }
    if (!done.add(id) || !all.containsKey(id)) return null;
    path.add(id);
    for (String parent : all.get(id).dependsOn()) {
      if (parent.equals(id)) continue; // reported as depending on itself
      String cycle = findCycle(parent, all, path, done);
      if (cycle != null) return cycle;
    }
    path.remove(path.size() - 1);
    return null;
  }
}
