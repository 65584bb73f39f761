package io.vigil.config;

import java.util.Map;

/**
 * What the probe verticle runs: the components (live: reloaded with {@code components} and {@code probe_defaults}),
 * and Vigil's own Redis and PostgreSQL URLs for the self-probes whose URL is empty (restart-only, like the
 * connections they watch).
 */
public record ProbeSlice(Map<String, ComponentConfig> components, String ownRedisUrl, String ownPgUrl) {
  public static ProbeSlice of(VigilConfig config) {
    return new ProbeSlice(config.components(), config.redis().url(), config.pg().url());
  }

  @Override
  public String toString() {
    return "ProbeSlice[components=" + components.keySet() + ", ownRedisUrl=" + Secrets.maskUrl(ownRedisUrl)
        + ", ownPgUrl=" + Secrets.maskUrl(ownPgUrl) + "]";
  }
}
