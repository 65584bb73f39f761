package io.vigil.queue.redis;

import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.VertxException;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * One Redis connection held open for the queue's hot path and used pipelined: a call goes out without waiting for
 * the ones before it to answer, and costs the JVM about half of a pooled call (no borrow and give-back per call;
 * docs/performance.md, "Fixes, ranked", 1). Opened on first use from its own one-connection client. When it ends,
 * fails, or a call on it gets no answer within the timeout (behind a hung connection every later call would wait
 * too), it is dropped with its client, the listener hears why, and the next call opens a fresh one. Calls may come
 * from any thread.
 */
final class HeldConnection {
  private static final Logger LOG = LoggerFactory.getLogger(HeldConnection.class);

  private final Supplier<Redis> clients;
  private final long timeoutMs;
  private final Object lock = new Object();
  /** The client {@link #open} or {@link #opening} belongs to; guarded by {@link #lock}. */
  private Redis client;
  private Future<RedisConnection> opening;
  private volatile RedisConnection open;
  private volatile Consumer<Throwable> onLost = cause -> {};
  private boolean closed;

  /** @param clients makes a client with one pooled connection, for each (re)connection */
  HeldConnection(Supplier<Redis> clients, Duration timeout) {
    this.clients = clients;
    this.timeoutMs = timeout.toMillis();
  }

  /** Told, on the connection's context, why a connection that was open was dropped. */
  void onLost(Consumer<Throwable> listener) {
    this.onLost = listener;
  }

  /** Sends on the held connection (opening one if none is), failing after the timeout. */
  Future<Response> send(Request request) {
    RedisConnection connection = open;
    Future<Response> answer = connection != null ? connection.send(request)
        : connect().compose(opened -> opened.send(request));
    return answer.timeout(timeoutMs, TimeUnit.MILLISECONDS).onFailure(cause -> {
      if (cause instanceof TimeoutException || isClosedConnection(cause)) drop(connection, cause);
    });
  }

  /** Drops the connection (if any) and its client; the next call opens a fresh one. */
  Future<Void> reset() {
    return drop(null, null);
  }

  Future<Void> close() {
    synchronized (lock) {
      closed = true;
    }
    return reset();
  }

  private Future<RedisConnection> connect() {
    synchronized (lock) {
      if (closed) return Future.failedFuture(new VertxException("the Redis queue backend is closed", true));
      if (open != null) return Future.succeededFuture(open);
      if (opening != null) return opening;
      Redis owner = clients.get();
      Future<RedisConnection> attempt = owner.connect();
      client = owner;
      opening = attempt;
      // registered before the caller's compose, so the connection is installed before the first call goes out
      attempt.onComplete(done -> opened(owner, attempt, done));
      return attempt;
    }
  }

  private void opened(Redis owner, Future<RedisConnection> attempt, AsyncResult<RedisConnection> done) {
    synchronized (lock) {
      if (opening == attempt) {
        opening = null;
        if (done.succeeded()) {
          RedisConnection connection = done.result();
          connection.endHandler(v -> drop(connection, new VertxException("the Redis connection closed", true)));
          connection.exceptionHandler(cause -> drop(connection, cause));
          open = connection;
          return;
        }
        client = null;
      }
    }
    owner.close(); // failed, or dropped (reset) while opening
  }

  /**
   * Forgets {@code which} (any connection when null) and closes its client, which closes the socket.
   * {@code cause} null: a deliberate reset, not reported.
   */
  private Future<Void> drop(RedisConnection which, Throwable cause) {
    Redis owner;
    synchronized (lock) {
      if (which != null && open != which) return Future.succeededFuture(); // already replaced
      boolean wasOpen = open != null;
      owner = client;
      client = null;
      open = null;
      opening = null;
      if (cause != null && wasOpen) {
        LOG.warn("dropped the held Redis connection ({}); the next call opens a new one", describe(cause));
      }
    }
    if (cause != null) onLost.accept(cause);
    return owner == null ? Future.succeededFuture() : owner.close();
  }

  /** What the client answers on a connection that has closed under it. */
  private static boolean isClosedConnection(Throwable cause) {
    String message = cause.getMessage();
    return "Connection is closed".equals(message) || "CONNECTION_CLOSED".equals(message);
  }

  private static String describe(Throwable cause) {
    return cause.getMessage() != null ? cause.getMessage() : cause.getClass().getSimpleName();
  }
}
