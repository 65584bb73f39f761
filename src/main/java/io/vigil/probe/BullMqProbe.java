package io.vigil.probe;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import io.vigil.config.ProbeSpec;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A BullMQ queue read from its Redis keys, in BullMQ's layout ({@code <prefix>:<queue>:<state>}): {@code wait},
 * {@code paused} and {@code active} are lists; {@code prioritized}, {@code delayed}, {@code failed} and
 * {@code completed} sorted sets; {@code meta} a hash (its {@code paused} field marks a paused queue). Waiting is
 * what BullMQ counts as waiting — {@code wait} + {@code paused} — plus {@code prioritized}. One pipelined round trip,
 * read-only. Waiting or failed above their limits are degraded; a queue with no {@code meta} key has never been
 * used (or the prefix/name is wrong): unknown.
 */
final class BullMqProbe implements Probe {
  private final Redis client;
  private final ProbeSpec.BullMq spec;
  private final String base;

  BullMqProbe(Vertx vertx, ProbeSpec.BullMq spec) {
    this.spec = spec;
    this.base = spec.prefix() + ":" + spec.queue() + ":";
    this.client = Redis.createClient(vertx, new RedisOptions().setConnectionString(spec.redisUrl()).setMaxPoolSize(1)
        .setMaxPoolWaiting(4));
  }

  @Override
  public Future<Reading> check() {
    return client.batch(List.of(
            Request.cmd(Command.EXISTS).arg(base + "meta"),
            Request.cmd(Command.LLEN).arg(base + "wait"),
            Request.cmd(Command.LLEN).arg(base + "paused"),
            Request.cmd(Command.ZCARD).arg(base + "prioritized"),
            Request.cmd(Command.LLEN).arg(base + "active"),
            Request.cmd(Command.ZCARD).arg(base + "delayed"),
            Request.cmd(Command.ZCARD).arg(base + "failed"),
            Request.cmd(Command.ZCARD).arg(base + "completed"),
            Request.cmd(Command.HEXISTS).arg(base + "meta").arg("paused")))
        .map(this::judge)
        .otherwise(error -> Reading.failed(Errors.describe(error)));
  }

  private Reading judge(List<Response> replies) {
    if (count(replies, 0) == 0) {
      return Reading.unknown("no BullMQ queue '" + spec.queue() + "' under prefix '" + spec.prefix()
          + "' (no " + base + "meta key): never used, or a wrong prefix or name");
    }
    long prioritized = count(replies, 3);
    long waiting = count(replies, 1) + count(replies, 2) + prioritized;
    long failed = count(replies, 6);
    Map<String, Object> figures = new LinkedHashMap<>();
    figures.put("queue", spec.queue());
    figures.put("waiting", waiting);
    figures.put("prioritized", prioritized);
    figures.put("active", count(replies, 4));
    figures.put("delayed", count(replies, 5));
    figures.put("failed", failed);
    figures.put("completed", count(replies, 7));
    figures.put("paused", count(replies, 8) == 1);
    Verdict verdict = new Verdict();
    if (spec.maxWaiting() > 0 && waiting > spec.maxWaiting()) verdict.concern(waiting + " job(s) wait, above " + spec.maxWaiting());
    if (spec.maxFailed() > 0 && failed > spec.maxFailed()) verdict.concern(failed + " failed job(s), above " + spec.maxFailed());
    return new Reading(verdict.outcome(), figures);
  }

  private static long count(List<Response> replies, int index) {
    Response reply = replies.get(index);
    return reply == null ? 0 : reply.toLong();
  }

  @Override
  public Future<Void> close() {
    client.close();
    return Future.succeededFuture();
  }
}
