package io.vigil.queue.redis;

import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import io.vigil.kit.RedisClients;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Runs the backend's scripts by SHA ({@code EVALSHA}). Redis forgets scripts on restart, fail-over or
 * {@code SCRIPT FLUSH}: a {@code NOSCRIPT} answer loads the script ({@code SCRIPT LOAD}) and repeats the call once.
 * On a Redis Cluster each master keeps its own script cache, so a script is loaded on every master.
 */
final class RedisScripts {
  private static final Logger LOG = LoggerFactory.getLogger(RedisScripts.class);

  static final String ENQUEUE = "enqueue";
  static final String CLAIM = "claim";
  static final String ACK = "ack";
  static final String FAIL = "fail";
  static final String EXTEND = "extend";
  static final String RELEASE = "release";
  static final String REAP = "reap";
  static final String CANCEL = "cancel";
  static final String GET = "get";
  static final String LIST = "list";
  static final String DEAD = "dead";
  static final String REPLAY = "replay";
  static final String PURGE = "purge";
  static final String STATS = "stats";
  static final String DRAIN = "drain";

  private final Redis redis;
  private final boolean clustered;
  private final Map<String, RedisScript> scripts;

  RedisScripts(Redis redis) {
    this(redis, false);
  }

  RedisScripts(Redis redis, boolean clustered) {
    this.redis = redis;
    this.clustered = clustered;
    this.scripts = Stream.of(ENQUEUE, CLAIM, ACK, FAIL, EXTEND, RELEASE, REAP, CANCEL, GET, LIST, DEAD, REPLAY,
            PURGE, STATS, DRAIN)
        .map(RedisScript::load)
        .collect(Collectors.toUnmodifiableMap(RedisScript::name, Function.identity()));
  }

  /** Loads every script; calls work without it (NOSCRIPT loads on demand), this only saves the first round trips. */
  Future<Void> loadAll() {
    return Future.all(scripts.values().stream().map(this::load).toList()).mapEmpty();
  }

  Future<Response> run(String name, List<String> keys, List<String> args) {
    RedisScript script = scripts.get(name);
    return redis.send(evalsha(script, keys, args)).recover(error -> {
      if (!isNoScript(error)) return Future.failedFuture(error);
      LOG.info("Redis does not know script {} ({}); loading it", script.name(), script.sha());
      return load(script).compose(loaded -> redis.send(evalsha(script, keys, args)));
    });
  }

  private Future<Void> load(RedisScript script) {
    Request load = Request.cmd(Command.SCRIPT).arg("LOAD").arg(script.source());
    return RedisClients.onEveryMaster(redis, clustered, load).map(shas -> {
      for (Response sha : shas) {
        if (!script.sha().equals(sha.toString())) {
          throw new IllegalStateException("Redis hashed script " + script.name() + " as " + sha + ", expected " + script.sha());
        }
      }
      return null;
    });
  }

  private static Request evalsha(RedisScript script, List<String> keys, List<String> args) {
    Request request = Request.cmd(Command.EVALSHA).arg(script.sha()).arg(keys.size());
    for (String key : keys) request.arg(key);
    for (String arg : args) request.arg(arg);
    return request;
  }

  static boolean isNoScript(Throwable error) {
    String message = error.getMessage();
    return message != null && message.startsWith("NOSCRIPT");
  }
}
