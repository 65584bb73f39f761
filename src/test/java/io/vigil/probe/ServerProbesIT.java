package io.vigil.probe;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vigil.config.ProbeSpec;
import io.vigil.domain.health.HealthOutcome;
import io.vigil.testing.Await;
import io.vigil.testing.RunningVigil;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static io.vigil.probe.ProbeRun.TIMING;
import static io.vigil.probe.ProbeRun.check;
import static io.vigil.probe.ProbeRun.close;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The redis, postgres, amqp and bullmq probes against the real servers on this machine (Redis 6379, PostgreSQL 5432,
 * RabbitMQ 5672 guest/guest), with this run's own queue names and key prefix, cleaned up after; and against a closed
 * port. A missing server fails these tests.
 */
@DisplayName("Server probes against the real servers")
class ServerProbesIT {
  static final String REDIS = "redis://127.0.0.1:6379/0";
  static final String AMQP = "amqp://guest:guest@127.0.0.1:5672/%2F";
  static final String RUN = "vigil-probe-it-" + UUID.randomUUID().toString().substring(0, 8);
  static Vertx vertx;
  static Redis redis;
  static Connection rabbit;

  @BeforeAll
  static void start() throws Exception {
    vertx = Vertx.vertx();
    redis = Redis.createClient(vertx, REDIS);
    ConnectionFactory factory = new ConnectionFactory();
    factory.setUri(AMQP);
    rabbit = factory.newConnection("vigil-probe-it");
  }

  @AfterAll
  static void stop() throws Exception {
    Request del = Request.cmd(Command.DEL); // this run's keys only, by name (no KEYS scan of a shared server)
    for (String state : List.of("meta", "wait", "paused", "prioritized", "active", "delayed", "failed", "completed")) {
      del.arg(RUN + ":emails:" + state);
    }
    del.arg(RUN + ":emails:3");
    Await.result(redis.send(del));
    redis.close();
    rabbit.close();
    Await.result(vertx.close());
  }

  @Test
  void redisAnswersPingAndAClosedPortFails() {
    RedisProbe up = new RedisProbe(vertx, REDIS);
    RedisProbe down = new RedisProbe(vertx, "redis://127.0.0.1:" + RunningVigil.freePort());

    assertThat(check(vertx, up).outcome()).isEqualTo(HealthOutcome.ok());
    assertThat(check(vertx, down).outcome()).isInstanceOf(HealthOutcome.Failed.class);
    Await.result(close(vertx, up));
    Await.result(close(vertx, down));
  }

  @Test
  void postgresAnswersSelectOneAndAClosedPortFails() {
    PostgresProbe up = new PostgresProbe(vertx, "postgresql://postgres@127.0.0.1:5432/test", 2_000);
    PostgresProbe down = new PostgresProbe(vertx, "postgresql://postgres@127.0.0.1:" + RunningVigil.freePort() + "/test", 2_000);

    assertThat(check(vertx, up).outcome()).isEqualTo(HealthOutcome.ok());
    assertThat(check(vertx, down).outcome()).isInstanceOf(HealthOutcome.Failed.class);
    Await.result(close(vertx, up));
    Await.result(close(vertx, down));
  }

  static AmqpProbe amqp(String queue, long maxDepth, boolean requireConsumers) {
    return new AmqpProbe(vertx, new ProbeSpec.Amqp(TIMING, AMQP, queue, maxDepth, requireConsumers, Duration.ZERO));
  }

  @Test
  void aRabbitQueueWithMessagesAndNoConsumerFailsThenPassesOnceSomethingConsumes() throws Exception {
    String queue = RUN + "-orders";
    Channel channel = rabbit.createChannel();
    channel.queueDeclare(queue, false, false, true, null);
    for (int i = 0; i < 3; i++) channel.basicPublish("", queue, null, ("m" + i).getBytes(StandardCharsets.UTF_8));
    AmqpProbe probe = amqp(queue, 0, true);
    try {
      Reading stuck = check(vertx, probe);
      assertThat(stuck.outcome()).isEqualTo(HealthOutcome.failed("3 message(s) wait and nothing consumes them"));
      assertThat(stuck.figures()).containsEntry("depth", 3L).containsEntry("consumers", 0L);

      Channel consuming = rabbit.createChannel();
      consuming.basicQos(1);
      consuming.basicConsume(queue, false, (tag, delivery) -> { }, tag -> { }); // takes one, never acks
      Reading consumed = check(vertx, probe);
      assertThat(consumed.outcome()).isEqualTo(HealthOutcome.ok());
      assertThat(consumed.figures()).containsEntry("consumers", 1L);
      assertThat(check(vertx, amqp(queue, 1, true)).outcome()).isEqualTo(HealthOutcome.degraded("2 message(s) wait, above 1"));
      consuming.close();
    } finally {
      channel.queueDelete(queue);
      channel.close();
      Await.result(close(vertx, probe));
    }
  }

  @Test
  void aMissingRabbitQueueFailsAndIsNotCreated() throws Exception {
    String queue = RUN + "-missing";
    AmqpProbe probe = amqp(queue, 0, true);

    assertThat(check(vertx, probe).outcome()).isEqualTo(HealthOutcome.failed("queue '" + queue + "' does not exist"));
    // the probe keeps its connection: a second check works the same way
    assertThat(check(vertx, probe).outcome()).isEqualTo(HealthOutcome.failed("queue '" + queue + "' does not exist"));
    Channel channel = rabbit.createChannel();
    assertThat(channel.isOpen()).isTrue();
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> channel.queueDeclarePassive(queue)).isInstanceOf(java.io.IOException.class);
    Await.result(close(vertx, probe));
  }

  @Test
  void anUnreachableRabbitFails() {
    AmqpProbe probe = new AmqpProbe(vertx, new ProbeSpec.Amqp(TIMING, "amqp://guest:guest@127.0.0.1:" + RunningVigil.freePort(),
        "q", 0, true, Duration.ZERO));

    Reading reading = check(vertx, probe);

    assertThat(reading.outcome()).isInstanceOf(HealthOutcome.Failed.class);
    assertThat(((HealthOutcome.Failed) reading.outcome()).error()).doesNotContain("guest:guest");
  }

  static void send(Request request) {
    Await.result(redis.send(request));
  }

  /** A BullMQ queue's keys as BullMQ lays them out: {prefix}:{queue}:wait|paused|active (lists), prioritized|delayed|failed|completed (sorted sets), meta (hash). */
  @Test
  void aBullMqQueueIsReadFromItsKeys() {
    String prefix = RUN;
    String base = prefix + ":emails:";
    send(Request.cmd(Command.HSET).arg(base + "meta").arg("opts.maxLenEvents").arg("10000"));
    send(Request.cmd(Command.RPUSH).arg(base + "wait").arg("1").arg("2").arg("3"));
    send(Request.cmd(Command.ZADD).arg(base + "prioritized").arg(1).arg("4"));
    send(Request.cmd(Command.RPUSH).arg(base + "active").arg("5"));
    send(Request.cmd(Command.ZADD).arg(base + "delayed").arg(100).arg("6").arg(200).arg("7"));
    send(Request.cmd(Command.ZADD).arg(base + "failed").arg(1).arg("8").arg(2).arg("9").arg(3).arg("10").arg(4).arg("11"));
    send(Request.cmd(Command.ZADD).arg(base + "completed").arg(1).arg("12"));
    BullMqProbe probe = new BullMqProbe(vertx, new ProbeSpec.BullMq(TIMING, REDIS, prefix, "emails", 0, 0, Duration.ZERO));
    BullMqProbe limited = new BullMqProbe(vertx, new ProbeSpec.BullMq(TIMING, REDIS, prefix, "emails", 3, 3, Duration.ZERO));
    BullMqProbe absent = new BullMqProbe(vertx, new ProbeSpec.BullMq(TIMING, REDIS, prefix, "nothing", 0, 0, Duration.ZERO));

    Reading reading = check(vertx, probe);

    assertThat(reading.outcome()).isEqualTo(HealthOutcome.ok());
    assertThat(reading.figures()).containsEntry("waiting", 4L).containsEntry("prioritized", 1L)
        .containsEntry("active", 1L).containsEntry("delayed", 2L).containsEntry("failed", 4L)
        .containsEntry("completed", 1L).containsEntry("paused", false);
    assertThat(check(vertx, limited).outcome())
        .isEqualTo(HealthOutcome.degraded("4 job(s) wait, above 3; 4 failed job(s), above 3"));
    assertThat(check(vertx, absent).outcome()).isInstanceOf(HealthOutcome.Unknown.class);
    assertThat(reading.figures()).doesNotContainKey("oldest_waiting_age_ms"); // job 3 has no hash (yet)

    // BullMQ pushes new jobs on the left and takes them from the right: job 3 waits longest; its hash says since when
    long redisNowMs = Await.result(redis.send(Request.cmd(Command.TIME))).get(0).toLong() * 1000;
    send(Request.cmd(Command.HSET).arg(base + "3").arg("timestamp").arg(redisNowMs - 60_000).arg("name").arg("send"));
    assertThat((Long) check(vertx, probe).figures().get("oldest_waiting_age_ms")).isBetween(59_000L, 120_000L);

    send(Request.cmd(Command.HSET).arg(base + "meta").arg("paused").arg("1"));
    send(Request.cmd(Command.RPUSH).arg(base + "paused").arg("13"));
    assertThat(check(vertx, probe).figures()).containsEntry("paused", true).containsEntry("waiting", 5L);
    List.of(probe, limited, absent).forEach(p -> Await.result(close(vertx, p)));
  }
}
