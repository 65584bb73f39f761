package io.vigil.demo;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * A foreign queue that backs up, when the demo has a Redis ({@code VIGIL_REDIS_URL}): BullMQ queue {@code imports}
 * under prefix {@code vigil-demo}, written in BullMQ's layout — the {@code meta} hash, the {@code wait} list with new
 * jobs on the left, a hash per job with its {@code timestamp} — by a producer adding a few jobs a second and a
 * consumer that keeps up, then stalls for a minute early in every cycle, then drains ({@link #takenPerTick}).
 * Component {@code demo-imports} (a bullmq probe) watches it: its backlog and oldest job's age grow in the queues
 * panel and its tile turns amber above {@code max_waiting}, then green again. Every key expires an hour after its
 * last write. Without Redis the demo shows no foreign queue: the memory engine is Vigil's own queue, and a foreign
 * queue faked in process would show a probe kind no deployment has.
 */
final class ForeignBacklog implements DemoScenario {
  static final String PREFIX = "vigil-demo";
  static final String QUEUE = "imports";
  static final Duration TICK = Duration.ofMillis(500);
  static final Duration CYCLE = Duration.ofMinutes(3);
  /** 4 jobs a second. */
  static final int ADDED_PER_TICK = 2;
  private static final int DRAINED_PER_TICK = 8;
  /** Within a cycle, in ms: keeping up until 15 s, stalled until 75 s, draining until 105 s, then keeping up. */
  private static final long STALL_FROM = 15_000;
  private static final long DRAIN_FROM = 75_000;
  private static final long CALM_FROM = 105_000;
  private static final long EXPIRE_SECONDS = 3600;
  private static final Logger log = LoggerFactory.getLogger(ForeignBacklog.class);

  private final String redisUrl;
  private final Clock clock;
  private final String base;
  private Redis client;
  private long started;
  private long nextId;
  private boolean warned;

  ForeignBacklog(String redisUrl, Clock clock, String prefix) {
    this.redisUrl = redisUrl;
    this.clock = clock;
    this.base = prefix + ":" + QUEUE + ":";
  }

  /** Jobs the consumer takes in one tick, {@code elapsedMs} after the demo started. */
  static int takenPerTick(long elapsedMs) {
    long t = Math.floorMod(elapsedMs, CYCLE.toMillis());
    if (t < STALL_FROM || t >= CALM_FROM) return ADDED_PER_TICK;
    return t < DRAIN_FROM ? 0 : DRAINED_PER_TICK;
  }

  @Override
  public Future<?> start(Vertx vertx, RandomGenerator random) {
    connect(vertx);
    vertx.setPeriodic(TICK.toMillis(), t -> tick().onFailure(this::warnOnce));
    return Future.succeededFuture(); // an unreachable Redis shows as the demo-imports tile, not as a failed start
  }

  /** The client, and the start of the cycle: now. */
  void connect(Vertx vertx) {
    client = Redis.createClient(vertx, redisUrl);
    started = clock.millis();
    nextId = started; // unique across restarts of the demo, as BullMQ's job ids never repeat
  }

  /** One tick: the producer's jobs in, the consumer's out (oldest first, from the right), their hashes deleted. */
  Future<?> tick() {
    long now = clock.millis();
    List<Request> batch = new ArrayList<>();
    batch.add(Request.cmd(Command.HSET).arg(base + "meta").arg("opts.maxLenEvents").arg("10000"));
    for (int i = 0; i < ADDED_PER_TICK; i++) {
      String id = Long.toString(nextId++);
      batch.add(Request.cmd(Command.HSET).arg(base + id).arg("name").arg("import").arg("timestamp").arg(now)
          .arg("data").arg("{}"));
      batch.add(Request.cmd(Command.EXPIRE).arg(base + id).arg(EXPIRE_SECONDS));
      batch.add(Request.cmd(Command.LPUSH).arg(base + "wait").arg(id));
    }
    batch.add(Request.cmd(Command.EXPIRE).arg(base + "meta").arg(EXPIRE_SECONDS));
    batch.add(Request.cmd(Command.EXPIRE).arg(base + "wait").arg(EXPIRE_SECONDS));
    int taken = takenPerTick(now - started);
    if (taken > 0) batch.add(Request.cmd(Command.RPOP).arg(base + "wait").arg(taken));
    return client.batch(batch).compose(replies -> {
      Response popped = taken > 0 ? replies.get(replies.size() - 1) : null;
      if (popped == null || popped.size() == 0) return Future.succeededFuture();
      Request delete = Request.cmd(Command.DEL);
      popped.forEach(id -> delete.arg(base + id.toString()));
      return client.send(delete);
    });
  }

  private void warnOnce(Throwable error) {
    if (warned) return;
    warned = true;
    log.warn("demo: the BullMQ demo queue {} cannot be written: {}", base + "*", error.getMessage());
  }
}
