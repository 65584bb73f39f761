package io.vigil.config;

import java.util.SortedMap;

/**
 * A validated configuration with where it came from: the source to re-read on reload, the text of the user's layer
 * it was read from (what a file watcher compares), and every setting resolved by key path (what a reload diffs).
 */
public record LoadedConfig(ConfigSource source, String text, VigilConfig config, SortedMap<String, String> settings) {
  /** A configuration handed over as an object (benchmarks): there is nothing to re-read, so it never reloads. */
  public static LoadedConfig of(VigilConfig config) {
    return new LoadedConfig(ConfigSource.ofText(null, "a configuration object", java.util.Map.of(), java.util.Set.of()),
        null, config, new java.util.TreeMap<>());
  }

  @Override
  public String toString() {
    return "LoadedConfig[source=" + source + ", settings=" + settings.size() + "]";
  }
}
