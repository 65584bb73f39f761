package io.vigil.demo;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonObject;
import io.vigil.bus.Addresses;
import io.vigil.bus.Commands;
import io.vigil.bus.Failure;

import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Tasks of a few types with realistic latencies and some failures: the demo's workers answer each type on
 * {@code vigil.worker.<type>} after a log-normal delay and fail a share of the calls (a few permanently, so dead
 * letters appear), while a submitter sends tasks over the bus at a rate that swells and ebbs every few minutes.
 */
public final class Workload implements DemoScenario {
  /** A task type the demo runs: its median latency, the spread, and how often it fails. */
  record Kind(String type, double medianMs, double spread, double failureRate, double permanentShare) {}

  static final List<Kind> KINDS = List.of(
      new Kind("charge", 180, 0.6, 0.06, 0.3),
      new Kind("send-email", 450, 0.8, 0.12, 0.1),
      new Kind("resize-image", 90, 0.5, 0.02, 0.5));
  private static final long TICK_MS = 250;
  private static final DeliveryOptions SUBMIT = new DeliveryOptions().setSendTimeout(5_000);
  private static final double PERIOD_TICKS = 4 * 60 * 1000.0 / TICK_MS;

  @Override
  public Future<?> start(Vertx vertx, RandomGenerator random) {
    for (Kind kind : KINDS) {
      Commands.bind(vertx.eventBus(), Addresses.worker(kind.type()), (task, message) -> {
        long delay = Math.max(1, Math.round(kind.medianMs() * Math.exp(kind.spread() * random.nextGaussian())));
        return vertx.timer(delay).compose(t -> {
          if (random.nextDouble() >= kind.failureRate()) {
            return Future.succeededFuture(new JsonObject().put("took_ms", delay));
          } else if (random.nextDouble() < kind.permanentShare()) { // permanent: dead-lettered at once
            return Future.failedFuture(Failure.of(422, Failure.Codes.VALIDATION_FAILED, "demo: the payload was refused").asException());
          } else { // retried with backoff
            return Future.failedFuture(Failure.of(503, Failure.Codes.COMPONENT_UNAVAILABLE, "demo: the downstream service is busy").asException());
          }
        });
      });
    }
    long[] tick = {0};
    vertx.setPeriodic(TICK_MS, id -> {
      double perSecond = 6 + 5 * Math.sin(2 * Math.PI * tick[0]++ / PERIOD_TICKS);
      int now = (int) Math.floor(perSecond * TICK_MS / 1000.0 + random.nextDouble());
      for (int i = 0; i < now; i++) {
        Kind kind = KINDS.get(random.nextInt(KINDS.size()));
        Commands.requestHere(vertx.eventBus(), Addresses.TASKS_SUBMIT, new JsonObject().put("type", kind.type())
            .put("payload", new JsonObject().put("demo", true).put("n", tick[0] * 100 + i)), SUBMIT);
      }
    });
    return Future.succeededFuture();
  }
}
