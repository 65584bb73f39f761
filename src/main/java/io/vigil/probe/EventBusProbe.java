package io.vigil.probe;

import io.vertx.core.Future;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonObject;
import io.vigil.config.ProbeSpec;

import java.util.Map;

/**
 * A request/reply ping to an address (a worker on a clustered bus): a reply means a consumer is there and its event
 * loop answers. The ping is {@code {"ping": true}} with the header {@value #HEADER}{@code : ping}, so a consumer can
 * tell it from work and answer at once. A consumer that fails the message (a worker that does not know pings) still
 * answered: it counts as up, and its answer is in the figures. No consumer at all, or no answer in time, fails.
 */
final class EventBusProbe implements Probe {
  static final String HEADER = "x-vigil-probe";

  private final EventBus bus;
  private final ProbeSpec.EventBus spec;

  EventBusProbe(EventBus bus, ProbeSpec.EventBus spec) {
    this.bus = bus;
    this.spec = spec;
  }

  @Override
  public Future<Reading> check() {
    DeliveryOptions options = new DeliveryOptions().addHeader(HEADER, "ping")
        .setSendTimeout(Math.max(1, spec.timing().timeout().toMillis()));
    return bus.request(spec.address(), new JsonObject().put("ping", true), options)
        .map(reply -> Reading.ok(Map.of("answer", "reply")))
        .otherwise(error -> {
          if (error instanceof ReplyException re) {
            if (re.failureType() == ReplyFailure.RECIPIENT_FAILURE) {
              return Reading.ok(Map.of("answer", "failure " + re.failureCode() + ": " + re.getMessage()));
            }
            if (re.failureType() == ReplyFailure.NO_HANDLERS) {
              return Reading.failed("nothing consumes " + spec.address());
            }
            if (re.failureType() == ReplyFailure.TIMEOUT) return Reading.failed("no reply from " + spec.address() + " in time");
          }
          return Reading.failed(Errors.describe(error));
        });
  }
}
