package io.vigil.config;

import java.time.Duration;

/** The Redis queue backend; an empty URL selects the in-memory queue. */
public record RedisConfig(String url, String prefix, int poolSize, int maxWaiting, Duration reconnectMax) {

  public boolean enabled() {
    return !url.isEmpty();
  }

  @Override
  public String toString() {
    return "RedisConfig[url=" + Secrets.maskUrl(url) + ", prefix=" + prefix + ", poolSize=" + poolSize + "]";
  }

  static RedisConfig read(ConfigReader r) {
    String url = r.string("redis.url");
    if (!url.isEmpty() && !url.startsWith("redis://") && !url.startsWith("rediss://")) {
      r.problem("redis.url", "must be empty (in-memory queue) or start with redis:// or rediss://");
    }
    String prefix = r.string("redis.prefix");
    if (!prefix.matches("[A-Za-z0-9:._-]{1,64}")) {
      r.problem("redis.prefix", "'" + prefix + "' must be 1-64 characters of letters, digits, ':', '.', '_' or '-'");
    }
    return new RedisConfig(url, prefix,
        r.integer("redis.pool_size", 1, 1024),
        r.integer("redis.max_waiting", 1, 1_000_000),
        r.millis("redis.reconnect_max_ms", 10, 600_000));
  }
}
