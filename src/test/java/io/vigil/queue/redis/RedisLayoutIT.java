package io.vigil.queue.redis;

import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.vigil.domain.Degraded;
import io.vigil.domain.Priority;
import io.vigil.domain.Task;
import io.vigil.domain.TaskIds;
import io.vigil.queue.BackendSettings;
import io.vigil.queue.ClaimedTask;
import io.vigil.queue.Completion;
import io.vigil.queue.FailureReport;
import io.vigil.queue.NewTask;
import io.vigil.testing.MutableClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.vigil.testing.Await.result;
import static org.assertj.core.api.Assertions.assertThat;

/** How the backend lays tasks out in Redis: what a cluster, a cleanup and an odd payload rely on. */
class RedisLayoutIT {
  private static final String Q = "jobs";
  private static final String SMALL = "small";
  private static final Duration LEASE = Duration.ofSeconds(30);
  private static final Duration WINDOW = Duration.ofHours(1);
  private static final BackendSettings SETTINGS = new BackendSettings(WINDOW, Map.of(
      Q, BackendSettings.DEFAULT_RETENTION, SMALL, new BackendSettings.Retention(Duration.ofHours(1), 3)));
  private static RedisTestSupport redis;

  private final MutableClock clock = MutableClock.startingAt("2026-01-01T00:00:00Z");
  private final TaskIds ids = new TaskIds(clock);
  private String prefix;
  private RedisQueueBackend backend;

  @BeforeAll
  static void connect() {
    redis = new RedisTestSupport();
  }

  @AfterAll
  static void disconnect() {
    if (redis != null) redis.close();
  }

  @BeforeEach
  void createBackend() {
    prefix = RedisTestSupport.freshPrefix();
    backend = new RedisQueueBackend(redis.vertx, RedisTestSupport.config(prefix, 2), SETTINGS, Map.of(), clock);
  }

  @AfterEach
  void deleteKeys() {
    redis.deleteUnder(prefix);
    result(backend.close());
  }

  private Task enqueue(String queue, String payload, String idempotencyKey) {
    Task task = Task.create(ids.next(), queue, "email", payload, Priority.NORMAL, null, 3, idempotencyKey,
        clock.instant());
    result(backend.enqueue(List.of(new NewTask(task, "fp"))));
    return task;
  }

  @Test
  void everyKeyOfAQueueCarriesTheQueuesHashTagSoAQueueLivesInOneClusterSlot() {
    enqueue(Q, "{}", "k1");
    enqueue(SMALL, "{}", null);
    ClaimedTask claimed = result(backend.claim(Q, 1, LEASE)).get(0);
    result(backend.fail(List.of(new FailureReport(claimed.lease(), "x", null))));
    enqueue(Q, "{}", null);
    result(backend.ack(List.of(new Completion(result(backend.claim(Q, 1, LEASE)).get(0).lease(), "{}",
        new Degraded("cache", "http:pricing:443", clock.instant())))));
    result(backend.pause(SMALL));

    List<String> keys = redis.keysUnder(prefix);

    assertThat(keys).isNotEmpty().allSatisfy(k ->
        assertThat(k).matches(java.util.regex.Pattern.quote(prefix) + ":\\{q:(jobs|small)\\}:.+"));
    long slots = keys.stream().map(RedisLayoutIT::clusterSlot).distinct().count();
    assertThat(slots).as("one slot per queue").isEqualTo(2);
  }

  /** The slot Redis Cluster gives a key: CRC16 (XMODEM) of its hash tag, modulo 16384. */
  private static int clusterSlot(String key) {
    int open = key.indexOf('{');
    int close = open < 0 ? -1 : key.indexOf('}', open + 1);
    String hashed = open >= 0 && close > open + 1 ? key.substring(open + 1, close) : key;
    int crc = 0;
    for (byte b : hashed.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
      crc ^= (b & 0xFF) << 8;
      for (int i = 0; i < 8; i++) crc = (crc & 0x8000) != 0 ? (crc << 1) ^ 0x1021 : crc << 1;
      crc &= 0xFFFF;
    }
    return crc % 16384;
  }

  @Test
  void payloadsResultsAndErrorsComeBackByteForByte() {
    // numbers cjson would round, and the separators the scripts use
    String payload = "{\"big\":12345678901234567890,\"pi\":3.141592653589793238,\"s\":\"a|b\\nc\\u00e9\",\"e\":1e400}";
    String result = "{\"n\":0.1000000000000000055511151231257827,\"x\":\"|=|\"}";
    String error = "boom | with\nnewlines and = signs";
    Task first = enqueue(Q, payload, null);
    Task second = enqueue(Q, payload, null);
    List<ClaimedTask> claimed = result(backend.claim(Q, 2, LEASE));
    assertThat(claimed).allSatisfy(c -> assertThat(c.task().payload()).isEqualTo(payload));

    result(backend.ack(List.of(new Completion(claimed.get(0).lease(), result))));
    result(backend.fail(List.of(new FailureReport(claimed.get(1).lease(), error, null))));

    assertThat(result(backend.get(first.id())).orElseThrow().result()).isEqualTo(result);
    Task dead = result(backend.get(second.id())).orElseThrow();
    assertThat(dead.lastError()).isEqualTo(error);
    assertThat(dead.payload()).isEqualTo(payload);
  }

  @Test
  void anIdempotencyKeyLivesInRedisWithAnExpiryBeyondTheWindowAsASafetyNet() {
    enqueue(Q, "{}", "order-7");

    long ttl = redis.send(Request.cmd(Command.PTTL).arg(prefix + ":{q:jobs}:idem:order-7")).toLong();

    assertThat(ttl).isGreaterThan(WINDOW.toMillis());
  }

  @Test
  void forgottenFinishedTasksLeaveNothingBehindInRedisNotEvenADegradedMark() {
    for (int i = 0; i < 5; i++) {
      enqueue(SMALL, "{}", null);
      Degraded how = i % 2 == 0 ? new Degraded("fallback-handler", "http:pricing:443", null) : null;
      result(backend.ack(List.of(new Completion(result(backend.claim(SMALL, 1, LEASE)).get(0).lease(),
          i == 4 ? null : "{}", how))));
    }
    assertThat(redis.send(Request.cmd(Command.HLEN).arg(prefix + ":{q:small}:res")).toLong())
        .as("the marks are kept with the results, a mark without a result too").isEqualTo(3);
    clock.advance(Duration.ofHours(2));
    result(backend.stats(SMALL));

    String base = prefix + ":{q:small}:";
    for (String hash : List.of("body", "state", "res")) {
      assertThat(redis.send(Request.cmd(Command.HLEN).arg(base + hash)).toLong()).as(hash).isZero();
    }
    for (String set : List.of("ids", "done", "wait", "lease")) {
      assertThat(redis.send(Request.cmd(Command.ZCARD).arg(base + set)).toLong()).as(set).isZero();
    }
  }

  @Test
  void purgingMoreDeadTasksThanOneChunkDeletesThemAll() {
    int count = 10_050; // purge works in chunks of 10,000
    for (int from = 0; from < count; from += 1000) {
      List<NewTask> batch = java.util.stream.IntStream.range(from, Math.min(count, from + 1000))
          .mapToObj(i -> new NewTask(Task.create(ids.next(), Q, "email", "{}", Priority.NORMAL, null, 1, null,
              clock.instant()), null))
          .toList();
      result(backend.enqueue(batch));
      List<FailureReport> deaths = result(backend.claim(Q, 1000, LEASE)).stream()
          .map(c -> new FailureReport(c.lease(), "fatal", null)).toList();
      result(backend.fail(deaths));
    }
    assertThat(result(backend.stats(Q)).dead()).isEqualTo(count);

    assertThat(result(backend.purgeDeadLetters(Q))).isEqualTo(count);

    assertThat(result(backend.stats(Q)).dead()).isZero();
    assertThat(redis.send(Request.cmd(Command.HLEN).arg(prefix + ":{q:jobs}:body")).toLong()).isZero();
  }
}
