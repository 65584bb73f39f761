package io.vigil.probe;

import io.vertx.core.Future;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonObject;
import io.vigil.bus.Addresses;
import io.vigil.bus.Commands;
import io.vigil.config.ProbeSpec;
import io.vigil.domain.health.HealthOutcome;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A Vigil queue, asked of the queue engine over the bus ({@code vigil.queues.get}): backlog and oldest waiting age
 * above their limits make it degraded; no progress for {@code stall} while work waits makes it failed. Progress is a
 * completion (the last completion time moved), a dead letter, or a shrinking backlog. A paused queue is degraded
 * (an operator holds it; its backlog is expected) and never counts as stalled.
 */
final class QueueProbe implements Probe {
  private final EventBus bus;
  private final ProbeSpec.Queue spec;
  private final Clock clock;
  private Snapshot previous;
  private Instant lastProgress;

  private record Snapshot(long waiting, long dead, String lastCompletedAt) {}

  QueueProbe(EventBus bus, ProbeSpec.Queue spec, Clock clock) {
    this.bus = bus;
    this.spec = spec;
    this.clock = clock;
  }

  @Override
  public Future<Reading> check() {
    // this node's engine: with the memory backend each node has its own queues, and the probes run here
    return Commands.requestHere(bus, Addresses.QUEUES_GET, new JsonObject().put("queue", spec.queue()),
            new DeliveryOptions().setSendTimeout(Math.max(1, spec.timing().timeout().toMillis())))
        .map(reply -> judge(reply.body()))
        .otherwise(error -> Reading.failed("the queue engine did not answer: " + Errors.describe(error)));
  }

  Reading judge(JsonObject stats) {
    Instant now = clock.instant();
    long waiting = stats.getLong("waiting", 0L);
    long oldestMs = stats.getLong("oldest_waiting_age_ms", 0L);
    boolean paused = stats.getBoolean("paused", false);
    Snapshot current = new Snapshot(waiting, stats.getLong("dead", 0L), stats.getString("last_completed_at"));
    boolean progressed = previous == null || current.waiting < previous.waiting || current.dead > previous.dead
        || (current.lastCompletedAt != null && !current.lastCompletedAt.equals(previous.lastCompletedAt));
    if (progressed || waiting == 0 || paused) lastProgress = now;
    previous = current;
    Duration stalled = Duration.between(lastProgress, now);

    Map<String, Object> figures = new LinkedHashMap<>();
    figures.put("queue", spec.queue());
    figures.put("waiting", waiting);
    figures.put("active", stats.getLong("active", 0L));
    figures.put("delayed", stats.getLong("delayed", 0L));
    figures.put("retrying", stats.getLong("retrying", 0L));
    figures.put("dead", current.dead);
    figures.put("oldest_waiting_age_ms", oldestMs);
    figures.put("paused", paused);
    figures.put("no_progress_ms", stalled.toMillis());

    Verdict verdict = new Verdict();
    if (!spec.stall().isZero() && waiting > 0 && stalled.compareTo(spec.stall()) >= 0) {
      verdict.fail("no progress for " + Verdict.duration(stalled.toMillis()) + " while " + waiting + " task(s) wait");
    }
    if (paused) verdict.concern("paused by an operator; " + waiting + " task(s) wait");
    if (spec.maxBacklog() > 0 && waiting > spec.maxBacklog()) {
      verdict.concern(waiting + " task(s) wait, above " + spec.maxBacklog());
    }
    if (!spec.maxOldestAge().isZero() && oldestMs > spec.maxOldestAge().toMillis()) {
      verdict.concern("the oldest task has waited " + Verdict.duration(oldestMs) + ", above "
          + Verdict.duration(spec.maxOldestAge().toMillis()));
    }
    HealthOutcome outcome = verdict.outcome();
    return new Reading(outcome, figures);
  }
}
