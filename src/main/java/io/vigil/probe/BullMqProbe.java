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
 * used (or the prefix/name is wrong): unknown. The oldest waiting job's age comes from the job at the consuming end of
 * {@code wait} (or {@code paused}) and its hash's {@code timestamp}, measured against the Redis server's clock, by a
 * read-only script in the same pipeline.
 */
final class BullMqProbe implements Probe {
  /** KEYS: wait, paused; ARGV: the job hashes' key prefix. Milliseconds, or -1 with no job (or no timestamp). */
  private static final String OLDEST_AGE = """
      local id = redis.call('LINDEX', KEYS[1], -1) or redis.call('LINDEX', KEYS[2], -1)
      if not id then return -1 end
      local ts = tonumber(redis.call('HGET', ARGV[1] .. id, 'timestamp'))
      if not ts then return -1 end
      local now = redis.call('TIME')
      return math.max(0, tonumber(now[1]) * 1000 + math.floor(tonumber(now[2]) / 1000) - ts)
      """;

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
            Request.cmd(Command.HEXISTS).arg(base + "meta").arg("paused"),
            Request.cmd(Command.EVAL).arg(OLDEST_AGE).arg(2).arg(base + "wait").arg(base + "paused").arg(base)))
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
    long oldest = count(replies, 9);
    if (oldest >= 0) figures.put("oldest_waiting_age_ms", oldest);
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
