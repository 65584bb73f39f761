package io.vigil.probe;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Request;

/**
 * PING over a connection of its own (one pooled connection, not the queue backend's pool), so the probe tells
 * whether the server answers, not whether Vigil's pool is busy.
 */
final class RedisProbe implements Probe {
  private final Redis client;

  RedisProbe(Vertx vertx, String url) {
    this.client = Redis.createClient(vertx, new RedisOptions().setConnectionString(url).setMaxPoolSize(1)
        .setMaxPoolWaiting(4));
  }

  @Override
  public Future<Reading> check() {
    return client.send(Request.cmd(Command.PING))
        .map(reply -> reply != null && "PONG".equals(reply.toString()) ? Reading.ok()
            : Reading.failed("PING answered " + reply))
        .otherwise(error -> Reading.failed(Errors.describe(error)));
  }

  @Override
  public Future<Void> close() {
    client.close();
    return Future.succeededFuture();
  }
}
