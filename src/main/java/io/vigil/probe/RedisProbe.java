package io.vigil.probe;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import io.vigil.config.RedisConfig;
import io.vigil.kit.RedisClients;

import java.util.List;

/**
 * PING over a connection of its own (one pooled connection, not the queue backend's pool), so the probe tells
 * whether the server answers, not whether Vigil's pool is busy. On a Redis Cluster (Vigil's own, {@code redis.mode:
 * cluster}) every master must answer PING and the cluster must report {@code cluster_state:ok}: a master down
 * takes its slots' queues with it.
 */
final class RedisProbe implements Probe {
  private final Redis client;
  private final boolean clustered;

  RedisProbe(Vertx vertx, String url) {
    this(Redis.createClient(vertx, new RedisOptions().setConnectionString(url).setMaxPoolSize(1)
        .setMaxPoolWaiting(4)), false);
  }

  private RedisProbe(Redis client, boolean clustered) {
    this.client = client;
    this.clustered = clustered;
  }

  /** The probe of Vigil's own Redis, standalone or cluster as configured. */
  static RedisProbe own(Vertx vertx, RedisConfig config) {
    return config.clustered() ? new RedisProbe(RedisClients.create(vertx, config, "vigil-probe", 1, 4), true)
        : new RedisProbe(vertx, config.url());
  }

  @Override
  public Future<Reading> check() {
    if (!clustered) {
      return client.send(Request.cmd(Command.PING))
          .map(RedisProbe::pong)
          .otherwise(error -> Reading.failed(Errors.describe(error)));
    }
    return RedisClients.onEveryMaster(client, true, Request.cmd(Command.PING))
        .compose(answers -> {
          for (Response answer : answers) {
            if (!isPong(answer)) return Future.succeededFuture(Reading.failed("a master's PING answered " + answer));
          }
          return client.send(Request.cmd(Command.CLUSTER).arg("INFO")).map(RedisProbe::clusterState);
        })
        .otherwise(error -> Reading.failed(Errors.describe(error)));
  }

  private static Reading pong(Response reply) {
    return isPong(reply) ? Reading.ok() : Reading.failed("PING answered " + reply);
  }

  private static boolean isPong(Response reply) {
    return reply != null && "PONG".equals(reply.toString());
  }

  private static Reading clusterState(Response info) {
    String text = info == null ? "" : info.toString();
    List<String> state = text.lines().filter(l -> l.startsWith("cluster_state:")).toList();
    return state.equals(List.of("cluster_state:ok")) ? Reading.ok()
        : Reading.failed("Redis Cluster reports " + (state.isEmpty() ? "no cluster_state" : state.get(0).trim()));
  }

  @Override
  public Future<Void> close() {
    client.close();
    return Future.succeededFuture();
  }
}
