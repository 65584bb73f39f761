package io.vigil.config;

import java.time.Duration;
import java.util.Map;
import java.util.Set;

/**
 * What the probe verticle runs: the components (live: reloaded with {@code components} and {@code probe_defaults}),
 * and Vigil's own Redis (standalone or cluster) and PostgreSQL for the self-probes whose URL is empty (restart-only,
 * like the connections they watch); and the components an operator can start a recovery plan for now (live with
 * {@code recovery}: none while recovery is switched off), which the component listing says.
 */
public record ProbeSlice(Map<String, ComponentConfig> components, RedisConfig ownRedis, String ownPgUrl,
                         Set<String> recoveryPlans) {
  public ProbeSlice {
    recoveryPlans = Set.copyOf(recoveryPlans);
  }

  /** With a standalone Redis at {@code ownRedisUrl} ("" = none) and no recovery plans. */
  public ProbeSlice(Map<String, ComponentConfig> components, String ownRedisUrl, String ownPgUrl) {
    this(components, new RedisConfig(ownRedisUrl, "vigil", 1, 1, Duration.ofSeconds(5)), ownPgUrl, Set.of());
  }

  public static ProbeSlice of(VigilConfig config) {
    RecoveryConfig recovery = config.recovery();
    return new ProbeSlice(config.components(), config.redis(), config.pg().url(),
        recovery.enabled() ? recovery.plans().keySet() : Set.of());
  }

  @Override
  public String toString() {
    return "ProbeSlice[components=" + components.keySet() + ", ownRedis=" + ownRedis
        + ", ownPgUrl=" + Secrets.maskUrl(ownPgUrl) + "]";
  }
}
