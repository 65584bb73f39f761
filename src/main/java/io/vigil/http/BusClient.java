package io.vigil.http;

import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vigil.bus.Address;
import io.vigil.bus.Commands;
import io.vigil.bus.Failure;
import io.vigil.bus.RequestIds;

import java.time.Duration;

/**
 * Sends an API call's command over the bus with the request id and a timeout; failures come back coded. The body is
 * handed over, not copied: callers build it for the command and do not touch it after.
 */
final class BusClient {
  private final EventBus bus;
  private final long timeoutMs;

  BusClient(EventBus bus, Duration timeout) {
    this.bus = bus;
    this.timeoutMs = timeout.toMillis();
  }

  /**
   * As the address's scope says: a cluster-wide command is answered by whichever node binds it — the components
   * and probes, which only the leading node runs.
   */
  Future<JsonObject> requestScoped(RoutingContext ctx, Address<JsonObject> address, JsonObject body) {
    return Commands.request(bus, address, body, RequestIds.handedOptions(RequestIdHandler.of(ctx), timeoutMs))
        .map(reply -> reply.body())
        .recover(error -> Future.failedFuture(Failure.from(error).asException()));
  }

  /** Always this node's verticle: a node's API answers from its own engine, store and stream. */
  Future<JsonObject> request(RoutingContext ctx, Address<JsonObject> address, JsonObject body) {
    return Commands.requestHere(bus, address, body,
            RequestIds.handedOptions(RequestIdHandler.of(ctx), timeoutMs).setLocalOnly(true))
        .map(reply -> reply.body())
        .recover(error -> Future.failedFuture(Failure.from(error).asException()));
  }
}
