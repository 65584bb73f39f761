package io.vigil.probe;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vigil.config.ProbeSpec;
import io.vigil.testing.Await;

import java.time.Duration;
import java.util.Map;

/** Runs probes as the probe verticle does: on a Vert.x event-loop context; the test thread waits for the reading. */
final class ProbeRun {
  static final ProbeSpec.Timing TIMING = Components.timing(10_000, 2_000, 1, 1);

  private ProbeRun() {}

  static Reading check(Vertx vertx, Probe probe) {
    return check(vertx.getOrCreateContext(), probe);
  }

  static Reading check(io.vertx.core.Context context, Probe probe) {
    Promise<Reading> promise = Promise.promise();
    context.runOnContext(v -> probe.check().onComplete(promise));
    return Await.result(promise.future(), 15);
  }

  static Future<Void> close(Vertx vertx, Probe probe) {
    Promise<Void> promise = Promise.promise();
    vertx.getOrCreateContext().runOnContext(v -> probe.close().onComplete(promise));
    return promise.future();
  }

  static Object figure(Reading reading, String name) {
    Map<String, Object> figures = reading.figures();
    return figures.get(name);
  }

  static Duration ms(long ms) {
    return Duration.ofMillis(ms);
  }
}
