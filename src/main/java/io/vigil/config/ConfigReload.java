package io.vigil.config;

/**
 * Reloading, as a value: given what a node runs and a freshly validated candidate, what it runs next and what
 * changed. The candidate must be valid as a whole (it is what the next restart would run); the node then takes
 * its live sections and keeps the rest.
 */
public final class ConfigReload {
  private ConfigReload() {}

  /** What the node runs after the reload, and what changed. */
  public record Outcome(LoadedConfig running, ConfigChanges changes) {}

  public static Outcome apply(LoadedConfig current, LoadedConfig candidate) {
    ConfigChanges.Result diff = ConfigChanges.between(current.settings(), candidate.settings());
    VigilConfig next = current.config().withLiveSectionsOf(candidate.config());
    return new Outcome(new LoadedConfig(current.source(), candidate.text(), next, diff.settings()), diff.changes());
  }
}
