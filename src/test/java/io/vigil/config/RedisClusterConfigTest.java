package io.vigil.config;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.vigil.config.ConfigLoaderTest.failure;
import static io.vigil.config.ConfigLoaderTest.load;
import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("redis.mode and redis.urls")
class RedisClusterConfigTest {

  @Test
  void theDefaultIsAStandaloneRedisWithNoSeeds() {
    RedisConfig redis = load(null, Map.of("VIGIL_REDIS_URL", "redis://cache:6379/2")).redis();

    assertThat(redis.mode()).isEqualTo(RedisConfig.Mode.STANDALONE);
    assertThat(redis.clustered()).isFalse();
    assertThat(redis.urls()).isEmpty();
    assertThat(redis.endpoints()).containsExactly("redis://cache:6379/2");
  }

  @Test
  void clusterModeTakesItsSeedNodesFromTheEnvironmentAsOneCommaSeparatedLine() {
    RedisConfig redis = load(null, Map.of("VIGIL_REDIS_MODE", "cluster",
        "VIGIL_REDIS_URLS", "redis://10.0.0.1:7000, redis://10.0.0.2:7000")).redis();

    assertThat(redis.clustered()).isTrue();
    assertThat(redis.enabled()).isTrue();
    assertThat(redis.endpoints()).containsExactly("redis://10.0.0.1:7000", "redis://10.0.0.2:7000");
  }

  @Test
  void inClusterModeTheUrlIsASeedTooListedFirstAndOnlyOnce() {
    RedisConfig redis = load("""
        redis:
          mode: cluster
          url: redis://10.0.0.1:7000
          urls: [redis://10.0.0.2:7000, redis://10.0.0.1:7000]
        """, Map.of()).redis();

    assertThat(redis.endpoints()).containsExactly("redis://10.0.0.1:7000", "redis://10.0.0.2:7000");
  }

  @Test
  void seedsWithoutClusterModeAnUnknownModeAndADatabaseOtherThanZeroAreRefused() {
    ConfigException standalone = failure("redis: {urls: [redis://a:7000]}", Map.of());
    ConfigException badMode = failure(null, Map.of("VIGIL_REDIS_MODE", "clustr", "VIGIL_REDIS_URL", "redis://a:1"));
    ConfigException badSeeds = failure(
        "redis: {mode: cluster, urls: [redis://a:7000/0, http://b:7000, redis://c:7000/3]}", Map.of());

    assertThat(standalone.problems()).singleElement().asString().startsWith("redis.urls: lists the seed nodes");
    assertThat(badMode.problems()).containsExactly(
        "redis.mode: 'clustr' is not one of [cluster, standalone] — did you mean cluster?");
    assertThat(badSeeds.problems()).containsExactlyInAnyOrder(
        "redis.urls[1]: must be empty (in-memory queue) or start with redis:// or rediss://",
        "redis.urls[2]: selects database 3, but a Redis Cluster has only database 0");
  }

  @Test
  void aMisspelledRedisVariableIsNamedWithTheClosestOne() {
    ConfigException e = failure(null, Map.of("VIGIL_REDIS_MODES", "cluster", "VIGIL_REDIS_URL", "redis://a:1"));

    assertThat(e.problems()).containsExactly("VIGIL_REDIS_MODES: matches no setting — did you mean VIGIL_REDIS_MODE?");
  }

  @Test
  void theSeedsPasswordsAreMaskedWhenPrintedAndInTheResolvedSettings() {
    RedisConfig redis = load(null, Map.of("VIGIL_REDIS_MODE", "cluster",
        "VIGIL_REDIS_URLS", "redis://app:hunter2@a:7000,redis://:s3cret@b:7000")).redis();

    assertThat(redis.toString()).contains("app:****@a:7000").doesNotContain("hunter2").doesNotContain("s3cret");
    assertThat(Secrets.maskSetting("redis.urls", List.of("redis://app:hunter2@a:7000", "redis://:s3cret@b:7000")
        .toString())).isEqualTo("[redis://app:****@a:7000, redis://:****@b:7000]");
  }
}
