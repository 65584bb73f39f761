package io.vigil.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What a reload changed, by key path (added, changed and removed keys alike): what was applied at once, and what
 * was changed in the file but waits for the next restart (ports, backends, the cluster; see {@link ReloadPolicy}).
 */
public record ConfigChanges(List<String> applied, List<String> restartRequired) {
  public ConfigChanges {
    applied = List.copyOf(applied);
    restartRequired = List.copyOf(restartRequired);
  }

  public static ConfigChanges none() {
    return new ConfigChanges(List.of(), List.of());
  }

  /** The sections the applied changes touch ({@code queues}, {@code components}...). */
  public Set<String> sections() {
    Set<String> sections = new TreeSet<>();
    applied.forEach(path -> sections.add(ReloadPolicy.sectionOf(path)));
    return sections;
  }

  /** Whether any applied change is in one of {@code sections}: a verticle asks before re-reading its slice. */
  public boolean touches(String... sections) {
    Set<String> touched = sections();
    for (String section : sections) {
      if (touched.contains(section)) return true;
    }
    return false;
  }

  public boolean isEmpty() {
    return applied.isEmpty() && restartRequired.isEmpty();
  }

  /**
   * Compares the running node's settings with a candidate's and says what the node runs next: the candidate's value
   * for every live key, the running value (or its absence) for every key that waits for a restart.
   */
  static Result between(SortedMap<String, String> running, SortedMap<String, String> candidate) {
    Set<String> paths = new TreeSet<>(running.keySet());
    paths.addAll(candidate.keySet());
    List<String> applied = new ArrayList<>();
    List<String> restart = new ArrayList<>();
    SortedMap<String, String> next = new TreeMap<>();
    for (String path : paths) {
      String before = running.get(path);
      String after = candidate.get(path);
      boolean changed = !Objects.equals(before, after);
      boolean live = ReloadPolicy.isLive(path, after == null);
      if (changed) (live ? applied : restart).add(path);
      String kept = changed && !live ? before : after;
      if (kept != null) next.put(path, kept);
    }
    return new Result(new ConfigChanges(applied, restart), next);
  }

  /** The changes, and the settings the node runs after them. */
  record Result(ConfigChanges changes, SortedMap<String, String> settings) {}
}
