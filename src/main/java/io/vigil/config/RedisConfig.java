package io.vigil.config;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The Redis queue backend; no URL selects the in-memory queue. {@code mode: standalone} talks to one server
 * ({@code url}); {@code mode: cluster} to a Redis Cluster, discovered from the seed nodes {@code url} and {@code urls}
 * list (any one that answers is enough; the client learns the rest from it).
 */
public record RedisConfig(String url, String prefix, int poolSize, int maxWaiting, Duration reconnectMax, Mode mode,
                          List<String> urls) {

  public enum Mode { STANDALONE, CLUSTER }

  public RedisConfig {
    urls = List.copyOf(urls);
  }

  /** A standalone Redis at {@code url}. */
  public RedisConfig(String url, String prefix, int poolSize, int maxWaiting, Duration reconnectMax) {
    this(url, prefix, poolSize, maxWaiting, reconnectMax, Mode.STANDALONE, List.of());
  }

  /** A Redis Cluster found through these seed nodes. */
  public static RedisConfig cluster(List<String> seeds, String prefix, int poolSize, int maxWaiting,
                                    Duration reconnectMax) {
    return new RedisConfig("", prefix, poolSize, maxWaiting, reconnectMax, Mode.CLUSTER, seeds);
  }

  public boolean enabled() {
    return !url.isEmpty() || !urls.isEmpty();
  }

  public boolean clustered() {
    return mode == Mode.CLUSTER;
  }

  /** Where to connect: the one server, or the cluster's seed nodes ({@code url} first, then {@code urls}). */
  public List<String> endpoints() {
    List<String> all = new ArrayList<>();
    if (!url.isEmpty()) all.add(url);
    urls.stream().filter(u -> !all.contains(u)).forEach(all::add);
    return all;
  }

  @Override
  public String toString() {
    return "RedisConfig[mode=" + mode.name().toLowerCase() + ", endpoints="
        + endpoints().stream().map(Secrets::maskUrl).toList() + ", prefix=" + prefix + ", poolSize=" + poolSize + "]";
  }

  static RedisConfig read(ConfigReader r) {
    Mode mode = r.oneOf("redis.mode", Map.of("standalone", Mode.STANDALONE, "cluster", Mode.CLUSTER),
        Mode.STANDALONE);
    String url = r.string("redis.url");
    checkUrl(r, "redis.url", url, mode);
    List<String> urls = r.strings("redis.urls", List.of());
    for (int i = 0; i < urls.size(); i++) checkUrl(r, "redis.urls[" + i + "]", urls.get(i), mode);
    if (mode == Mode.STANDALONE && !urls.isEmpty()) {
      r.problem("redis.urls", "lists the seed nodes of a Redis Cluster: set redis.mode to cluster, or use redis.url "
          + "for one server");
    }
    String prefix = r.string("redis.prefix");
    if (!prefix.matches("[A-Za-z0-9:._-]{1,64}")) {
      r.problem("redis.prefix", "'" + prefix + "' must be 1-64 characters of letters, digits, ':', '.', '_' or '-'");
    }
    return new RedisConfig(url, prefix,
        r.integer("redis.pool_size", 1, 1024),
        r.integer("redis.max_waiting", 1, 1_000_000),
        r.millis("redis.reconnect_max_ms", 10, 600_000),
        mode, urls);
  }

  private static void checkUrl(ConfigReader r, String key, String url, Mode mode) {
    if (url.isEmpty()) return;
    if (!url.startsWith("redis://") && !url.startsWith("rediss://")) {
      r.problem(key, "must be empty (in-memory queue) or start with redis:// or rediss://");
    } else if (mode == Mode.CLUSTER && !database(url).isEmpty() && !database(url).equals("0")) {
      r.problem(key, "selects database " + database(url) + ", but a Redis Cluster has only database 0");
    }
  }

  /** The database number of a redis:// URL ("" when it names none). */
  private static String database(String url) {
    try {
      String path = URI.create(url).getPath();
      return path == null || path.length() <= 1 ? "" : path.substring(1);
    } catch (IllegalArgumentException e) {
      return "";
    }
  }
}
