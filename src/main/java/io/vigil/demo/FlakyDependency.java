package io.vigil.demo;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;

import java.time.Clock;
import java.util.random.RandomGenerator;

/**
 * A dependency that fails now and then: a small HTTP service on loopback, inside the demo, whose
 * {@code /payments/health} answers quickly most of the time, slowly for a while, then {@code 503} for a while
 * ({@link Flapping}), and fails a single call now and then in between. The demo configuration points an http
 * probe (component {@code demo-payments}) and a tcp probe ({@code demo-gateway}, its parent) at it, so the
 * components panel shows a tile going amber, red and green again, with its sparkline, last error and action.
 */
final class FlakyDependency implements DemoScenario {
  static final String HEALTH_PATH = "/payments/health";
  private static final double BLIP_RATE = 0.03;

  private final int port;
  private final Clock clock;

  FlakyDependency(int port, Clock clock) {
    this.port = port;
    this.clock = clock;
  }

  @Override
  public Future<?> start(Vertx vertx, RandomGenerator random) {
    long started = clock.millis();
    return vertx.createHttpServer().requestHandler(request -> {
      if (!HEALTH_PATH.equals(request.path())) {
        request.response().setStatusCode(404).end();
        return;
      }
      Flapping.Phase phase = Flapping.at(clock.millis() - started);
      double median = phase == Flapping.Phase.SLOW ? 700 : 40;
      long delay = Math.max(1, Math.round(median * Math.exp(0.4 * random.nextGaussian())));
      boolean blip = phase == Flapping.Phase.OK && random.nextDouble() < BLIP_RATE;
      vertx.setTimer(delay, t -> answer(request, phase == Flapping.Phase.DOWN || blip));
    }).listen(port, "127.0.0.1");
  }

  private static void answer(HttpServerRequest request, boolean failing) {
    if (request.response().closed()) return; // the probe gave up waiting
    JsonObject body = failing
        ? new JsonObject().put("status", "down").put("error", "demo: the payment provider does not answer")
        : new JsonObject().put("status", "up");
    request.response().setStatusCode(failing ? 503 : 200).putHeader("Content-Type", "application/json")
        .end(body.encode());
  }
}
