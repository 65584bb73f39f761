package io.vigil.kit;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import io.vertx.redis.client.ResponseType;
import io.vigil.bus.BreakerJson;
import io.vigil.config.RedisConfig;
import io.vigil.domain.Timers;
import io.vigil.domain.breaker.SharedBreakerState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Breaker states shared through Redis, on connections of its own (never the queue's): each change is one
 * {@code HSET} (or {@code HDEL} when closed) of {@code <prefix>:breakers:state} and one {@code PUBLISH} on
 * {@code <prefix>:breakers:changes}, sent together in one batch on a one-connection pool, so one node's changes
 * arrive in the order they happened. A dedicated connection {@code SUBSCRIBE}s; when it drops it reconnects with
 * backoff (250 ms doubling to 5 s) and reloads the hash, since messages sent meanwhile are lost.
 */
public final class RedisBreakerLink implements BreakerLink {
  private static final Logger LOG = LoggerFactory.getLogger(RedisBreakerLink.class);
  static final long MIN_BACKOFF_MS = 250;
  static final long MAX_BACKOFF_MS = 5_000;

  private final Vertx vertx;
  private final RedisOptions options;
  private final Timers timers;
  private final String hash;
  private final String channel;
  private final Redis commands;
  private Redis subscriber;
  private RedisConnection subscription;
  private Consumer<SharedBreakerState> received = s -> {};
  private Runnable resynced = () -> {};
  private long backoffMs = MIN_BACKOFF_MS;
  private volatile boolean closed;
  private volatile boolean publishFailing;

  public RedisBreakerLink(Vertx vertx, String url, String prefix, Timers timers) {
    this(vertx, new RedisConfig(url, prefix, 1, 10_000, Duration.ofSeconds(5)), timers);
  }

  /**
   * On Vigil's own Redis, standalone or cluster: on a cluster the hash lives in one slot, and a {@code PUBLISH}
   * reaches the subscribers of every node.
   */
  public RedisBreakerLink(Vertx vertx, RedisConfig redis, Timers timers) {
    this.vertx = vertx;
    this.timers = timers;
    this.hash = redis.prefix() + ":breakers:state";
    this.channel = redis.prefix() + ":breakers:changes";
    this.options = RedisClients.options(redis, "vigil-breakers", 1, 10_000);
    this.commands = Redis.createClient(vertx, options);
  }

  public String hashKey() {
    return hash;
  }

  public String channel() {
    return channel;
  }

  @Override
  public void publish(SharedBreakerState state) {
    String text = BreakerJson.encode(state);
    Request record = state.kept() ? Request.cmd(Command.HSET).arg(hash).arg(state.name()).arg(text)
        : Request.cmd(Command.HDEL).arg(hash).arg(state.name());
    commands.batch(List.of(record, Request.cmd(Command.PUBLISH).arg(channel).arg(text)))
        .onSuccess(r -> publishFailing = false)
        .onFailure(e -> {
          if (!publishFailing) LOG.warn("could not share breaker {} {} through Redis: {}", state.name(),
              state.state().wireName(), e.getMessage());
          publishFailing = true;
        });
  }

  @Override
  public Future<List<SharedBreakerState>> load() {
    return commands.send(Request.cmd(Command.HGETALL).arg(hash)).map(this::states);
  }

  private List<SharedBreakerState> states(Response all) {
    List<SharedBreakerState> out = new ArrayList<>();
    if (all == null) return out;
    java.util.Set<String> fields = all.type() == ResponseType.MULTI ? keys(all) : java.util.Set.of();
    if (fields.isEmpty()) { // RESP2: field, value, field, value ...
      for (int i = 1; i < all.size(); i += 2) decode(all.get(i).toString(), out);
    } else { // RESP3: a map
      for (String field : fields) decode(all.get(field).toString(), out);
    }
    return out;
  }

  private static java.util.Set<String> keys(Response map) {
    try {
      return map.getKeys();
    } catch (RuntimeException notAMap) {
      return java.util.Set.of();
    }
  }

  private static void decode(String text, List<SharedBreakerState> into) {
    try {
      into.add(BreakerJson.decode(text));
    } catch (RuntimeException e) {
      LOG.warn("ignored a shared breaker state that is not one: {}", e.getMessage());
    }
  }

  @Override
  public Future<Void> listen(Consumer<SharedBreakerState> received, Runnable resynced) {
    this.received = received;
    this.resynced = resynced;
    return subscribe().onFailure(e -> reconnectLater());
  }

  private Future<Void> subscribe() {
    subscriber = Redis.createClient(vertx, new RedisOptions(options).setPoolName("vigil-breakers-sub"));
    return subscriber.connect().compose(conn -> {
      subscription = conn;
      conn.handler(this::message);
      conn.exceptionHandler(e -> lost(conn, e.getMessage()));
      conn.endHandler(v -> lost(conn, "connection closed"));
      return conn.send(Request.cmd(Command.SUBSCRIBE).arg(channel)).<Void>mapEmpty();
    }).onSuccess(v -> backoffMs = MIN_BACKOFF_MS);
  }

  private void message(Response push) {
    if (push == null || push.size() < 3 || !"message".equals(push.get(0).toString())) return;
    try {
      received.accept(BreakerJson.decode(push.get(2).toString()));
    } catch (RuntimeException e) {
      LOG.warn("ignored a breaker message that is not one: {}", e.getMessage());
    }
  }

  private void lost(RedisConnection conn, String why) {
    if (closed || conn != subscription) return;
    subscription = null;
    LOG.warn("lost the breaker-sharing subscription ({}); reconnecting", why);
    reconnectLater();
  }

  private void reconnectLater() {
    long delay = backoffMs;
    backoffMs = Math.min(MAX_BACKOFF_MS, backoffMs * 2);
    timers.schedule(delay, () -> {
      if (closed) return;
      Redis old = subscriber;
      if (old != null) old.close();
      subscribe().onSuccess(v -> {
        LOG.info("breaker-sharing subscription is back; reloading the shared states");
        resynced.run();
      }).onFailure(e -> reconnectLater());
    });
  }

  @Override
  public Future<Void> close() {
    closed = true;
    if (subscriber != null) subscriber.close();
    commands.close();
    return Future.succeededFuture();
  }
}
