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
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Runs the backend's scripts by SHA ({@code EVALSHA}) through the sender it is given (the held connection or the
 * pool). Redis forgets scripts on restart, fail-over or {@code SCRIPT FLUSH}: a {@code NOSCRIPT} answer loads the
 * script ({@code SCRIPT LOAD}, through the pool) and repeats the call once. On a Redis Cluster each master keeps its
 * own script cache, so a script is loaded on every master.
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

  /** The pool as it is now (a reconnect replaces it): scripts are loaded through it. */
  private final Supplier<Redis> pool;
  private final boolean clustered;
  private final Map<String, RedisScript> scripts;

  RedisScripts(Supplier<Redis> pool, boolean clustered) {
    this.pool = pool;
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

  Future<Response> run(Function<Request, Future<Response>> sender, String name, List<String> keys, List<String> args) {
    RedisScript script = scripts.get(name);
    return sender.apply(evalsha(script, keys, args)).recover(error -> {
      if (!isNoScript(error)) return Future.failedFuture(error);
      LOG.info("Redis does not know script {} ({}); loading it", script.name(), script.sha());
      return load(script).compose(loaded -> sender.apply(evalsha(script, keys, args)));
    });
  }

  private Future<Void> load(RedisScript script) {
    Request load = Request.cmd(Command.SCRIPT).arg("LOAD").arg(script.source());
    return RedisClients.onEveryMaster(pool.get(), clustered, load).map(shas -> {
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
