package io.vigil.config;

import java.time.Duration;
import java.util.Map;

/**
 * What the probe verticle runs: the components (live: reloaded with {@code components} and {@code probe_defaults}),
 * and Vigil's own Redis (standalone or cluster) and PostgreSQL for the self-probes whose URL is empty (restart-only,
 * like the connections they watch).
 */
public record ProbeSlice(Map<String, ComponentConfig> components, RedisConfig ownRedis, String ownPgUrl) {
  /** With a standalone Redis at {@code ownRedisUrl} ("" = none). */
  public ProbeSlice(Map<String, ComponentConfig> components, String ownRedisUrl, String ownPgUrl) {
    this(components, new RedisConfig(ownRedisUrl, "vigil", 1, 1, Duration.ofSeconds(5)), ownPgUrl);
  }

  public static ProbeSlice of(VigilConfig config) {
    return new ProbeSlice(config.components(), config.redis(), config.pg().url());
  }

  @Override
  public String toString() {
    return "ProbeSlice[components=" + components.keySet() + ", ownRedis=" + ownRedis
        + ", ownPgUrl=" + Secrets.maskUrl(ownPgUrl) + "]";
  }
}
