package io.vigil.demo;

import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import io.vigil.testing.Await;
import io.vigil.testing.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The demo's BullMQ queue in the real Redis on this machine, under this run's own prefix, removed after. */
@DisplayName("The demo's foreign queue in Redis")
class ForeignBacklogIT {
  static final String REDIS = "redis://127.0.0.1:6379/0";
  final String prefix = "vigil-demo-it-" + UUID.randomUUID().toString().substring(0, 8);
  final String base = prefix + ":" + ForeignBacklog.QUEUE + ":";
  final Vertx vertx = Vertx.vertx();
  final Redis redis = Redis.createClient(vertx, REDIS);

  @AfterEach
  void cleanUp() {
    Response ids = send(Request.cmd(Command.LRANGE).arg(base + "wait").arg(0).arg(-1));
    Request del = Request.cmd(Command.DEL).arg(base + "meta").arg(base + "wait");
    ids.forEach(id -> del.arg(base + id));
    send(del);
    redis.close();
    Await.result(vertx.close());
  }

  @Test
  void itWritesBullMqsLayoutBacksUpWhileItsConsumerStallsOldestJobFirstAndDrainsAfter() {
    MutableClock clock = MutableClock.startingAt("2026-01-01T00:00:00Z");
    ForeignBacklog queue = new ForeignBacklog(REDIS, clock, prefix);
    queue.connect(vertx);

    Await.result(queue.tick()); // the consumer keeps up: what a tick adds, it takes
    assertThat(waiting()).isZero();
    assertThat(send(Request.cmd(Command.HEXISTS).arg(base + "meta").arg("opts.maxLenEvents")).toLong()).isEqualTo(1);

    clock.advance(Duration.ofSeconds(20)); // stalled
    Await.result(queue.tick());
    clock.advance(ForeignBacklog.TICK);
    Await.result(queue.tick());
    assertThat(waiting()).isEqualTo(2L * ForeignBacklog.ADDED_PER_TICK);
    // BullMQ's consuming end is the right: the oldest job, whose hash says when it was added
    String oldest = send(Request.cmd(Command.LINDEX).arg(base + "wait").arg(-1)).toString();
    assertThat(send(Request.cmd(Command.HGET).arg(base + oldest).arg("timestamp")).toLong())
        .isEqualTo(clock.millis() - ForeignBacklog.TICK.toMillis());
    assertThat(send(Request.cmd(Command.TTL).arg(base + "wait")).toLong()).isPositive();

    clock.advance(Duration.ofSeconds(60)); // draining
    Await.result(queue.tick());
    assertThat(waiting()).isZero();
    assertThat(send(Request.cmd(Command.EXISTS).arg(base + oldest)).toLong()).as("a taken job's hash").isZero();
  }

  private long waiting() {
    return send(Request.cmd(Command.LLEN).arg(base + "wait")).toLong();
  }

  private Response send(Request request) {
    return Await.result(redis.send(request));
  }
}
