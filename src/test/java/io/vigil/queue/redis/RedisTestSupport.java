package io.vigil.queue.redis;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import io.vigil.config.RedisConfig;
import io.vigil.config.Secrets;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static io.vigil.testing.Await.result;

/**
 * The real Redis the integration tests run against ({@code VIGIL_TEST_REDIS_URL}, default localhost), an admin
 * connection for looking and cleaning up, and a fresh key prefix per test. Unreachable Redis fails the tests
 * with a message saying where it looked; it never skips them.
 */
final class RedisTestSupport implements AutoCloseable {
  static final String URL = System.getenv().getOrDefault("VIGIL_TEST_REDIS_URL", "redis://127.0.0.1:6379");

  final Vertx vertx;
  final Redis admin;

  RedisTestSupport() {
    vertx = Vertx.vertx();
    admin = Redis.createClient(vertx, new RedisOptions().setConnectionString(URL).setMaxPoolSize(2));
    try {
      result(admin.send(Request.cmd(Command.PING)), 5);
    } catch (RuntimeException | AssertionError e) {
      close();
      throw new AssertionError("Redis is unreachable at " + Secrets.maskUrl(URL) + " (" + e.getMessage()
          + "); start it or point VIGIL_TEST_REDIS_URL at one", e);
    }
  }

  static String freshPrefix() {
    return "vigil-it-" + UUID.randomUUID().toString().substring(0, 13);
  }

  static RedisConfig config(String prefix, int poolSize) {
    return new RedisConfig(URL, prefix, poolSize, 1024, Duration.ofSeconds(5));
  }

  Response send(Request request) {
    return result(admin.send(request));
  }

  /** Every key under the prefix, found with SCAN (never KEYS: the Redis is shared). */
  List<String> keysUnder(String prefix) {
    List<String> found = new ArrayList<>();
    String cursor = "0";
    do {
      Response page = send(Request.cmd(Command.SCAN).arg(cursor).arg("MATCH").arg(prefix + ":*").arg("COUNT").arg(1000));
      cursor = page.get(0).toString();
      page.get(1).forEach(k -> found.add(k.toString()));
    } while (!cursor.equals("0"));
    return found;
  }

  void deleteUnder(String prefix) {
    List<String> keys = keysUnder(prefix);
    for (int i = 0; i < keys.size(); i += 500) {
      Request del = Request.cmd(Command.UNLINK);
      keys.subList(i, Math.min(i + 500, keys.size())).forEach(del::arg);
      send(del);
    }
  }

  @Override
  public void close() {
    Future<Void> closed = admin.close().transform(done -> vertx.close());
    result(closed);
  }
}
