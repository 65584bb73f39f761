package io.vigil.demo;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;

import java.time.Clock;
import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * A dependency that fails now and then: a small HTTP service on loopback, inside the demo, whose
 * {@code /payments/health} answers quickly most of the time, slowly for a while, then {@code 503} for a while
 * ({@link Flapping}), and fails a single call now and then in between. The demo configuration points an http
 * probe (component {@code demo-payments}) and a tcp probe ({@code demo-gateway}, its parent) at it, so the
 * components panel shows a tile going amber, red and green again, with its sparkline, last error and action.
 * {@code POST /payments/restart} is its restart hook, which the demo's recovery plan calls: the first call in an
 * outage brings the provider back {@link #RESTART_TAKES} later (the calls in between change nothing), so the recovery
 * panel shows a failed attempt or two and then the one that healed it.
 */
final class FlakyDependency implements DemoScenario {
  static final String HEALTH_PATH = "/payments/health";
  static final String RESTART_PATH = "/payments/restart";
  static final Duration RESTART_TAKES = Duration.ofSeconds(6);
  private static final double BLIP_RATE = 0.03;

  private final int port;
  private final Clock clock;
  /** When the latest restart makes the provider answer again, in ms since the start; -1 before the first. */
  private long upAgainAt = -1;

  FlakyDependency(int port, Clock clock) {
    this.port = port;
    this.clock = clock;
  }

  @Override
  public Future<?> start(Vertx vertx, RandomGenerator random) {
    long started = clock.millis();
    return vertx.createHttpServer().requestHandler(request -> {
      long elapsed = clock.millis() - started;
      if (RESTART_PATH.equals(request.path()) && request.method() == HttpMethod.POST) {
        restart(elapsed);
        request.response().setStatusCode(202).end();
        return;
      }
      if (!HEALTH_PATH.equals(request.path())) {
        request.response().setStatusCode(404).end();
        return;
      }
      Flapping.Phase phase = restarted(elapsed) ? Flapping.Phase.OK : Flapping.at(elapsed);
      double median = phase == Flapping.Phase.SLOW ? 700 : 40;
      long delay = Math.max(1, Math.round(median * Math.exp(0.4 * random.nextGaussian())));
      boolean blip = phase == Flapping.Phase.OK && random.nextDouble() < BLIP_RATE;
      vertx.setTimer(delay, t -> answer(request, phase == Flapping.Phase.DOWN || blip));
    }).listen(port, "127.0.0.1");
  }

  /** A restart during an outage that none has ended yet: the provider answers again {@link #RESTART_TAKES} later. */
  void restart(long elapsedMs) {
    if (Flapping.at(elapsedMs) == Flapping.Phase.DOWN && !restartedIn(elapsedMs)) {
      upAgainAt = elapsedMs + RESTART_TAKES.toMillis();
    }
  }

  /** Whether a restart ended the outage of this cycle by {@code elapsedMs}. */
  boolean restarted(long elapsedMs) {
    return restartedIn(elapsedMs) && elapsedMs >= upAgainAt;
  }

  private boolean restartedIn(long elapsedMs) {
    return upAgainAt >= 0 && Flapping.outageStart(upAgainAt - RESTART_TAKES.toMillis()) == Flapping.outageStart(elapsedMs);
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
