package io.vigil.kit;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisClientType;
import io.vertx.redis.client.RedisCluster;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import io.vigil.config.RedisConfig;

import java.util.Collections;
import java.util.List;

/**
 * Builds the Redis client a {@link RedisConfig} asks for, standalone or cluster, for everything in Vigil that talks
 * to its own Redis (the queue backend, the self-probe, breaker sharing). On a cluster the client learns the masters
 * and their slots from any seed node that answers, routes each command by the slot of its keys, follows
 * {@code MOVED}/{@code ASK} and refreshes its slot map every second; a command without keys goes to any node.
 */
public final class RedisClients {
  private RedisClients() {}

  /**
   * A pooled client: each call borrows a connection (on a cluster: one per master, from a pool per master); a
   * connection whose socket drops fails the calls on it at once and is evicted, and the next call opens a fresh one.
   * Connecting gives up after two seconds.
   */
  public static Redis create(Vertx vertx, RedisConfig config, String poolName, int poolSize, int maxWaiting) {
    return Redis.createClient(vertx, options(config, poolName, poolSize, maxWaiting));
  }

  /** The options {@link #create} uses, for a caller that makes several clients alike (a subscriber). */
  public static RedisOptions options(RedisConfig config, String poolName, int poolSize, int maxWaiting) {
    RedisOptions options = new RedisOptions()
        .setMaxPoolSize(poolSize)
        .setMaxPoolWaiting(Math.max(poolSize, maxWaiting)) // the cluster client refuses fewer waiters than connections
        .setPoolName(poolName);
    if (config.clustered()) {
      options.setType(RedisClientType.CLUSTER);
      config.endpoints().forEach(options::addConnectionString);
    } else {
      options.setConnectionString(config.url());
    }
    options.getNetClientOptions().setConnectTimeout(2_000).setTcpKeepAlive(true).setTcpNoDelay(true);
    return options;
  }

  /**
   * Sends {@code request} to every master of a cluster (one answer each), or to the one server: for what must hold
   * on every shard ({@code SCRIPT LOAD}) or be checked on each ({@code PING}).
   */
  public static Future<List<Response>> onEveryMaster(Redis redis, boolean clustered, Request request) {
    if (!clustered) return redis.send(request).map(Collections::singletonList);
    return RedisCluster.create(redis).onAllMasterNodes(request);
  }
}
