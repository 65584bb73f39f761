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
  /** What a caller is told to wait while no leader answers: leadership moves within a few seconds. */
  static final int LEADER_RETRY_AFTER_S = 2;
  private final long timeoutMs;

  BusClient(EventBus bus, Duration timeout) {
    this.bus = bus;
    this.timeoutMs = timeout.toMillis();
  }

  /** Always this node's verticle: a node's API answers from its own engine, store and stream. */
  Future<JsonObject> request(RoutingContext ctx, Address<JsonObject> address, JsonObject body) {
    return Commands.requestHere(bus, address, body,
            RequestIds.handedOptions(RequestIdHandler.of(ctx), timeoutMs).setLocalOnly(true))
        .map(reply -> reply.body())
        .recover(error -> Future.failedFuture(Failure.from(error).asException()));
  }

  /**
   * As the address's scope says: a cluster-wide command is answered by whichever node binds it — the leader-only
   * engines (components and probes, alarms, silences and rules), so a node's API reaches the leader's. While no node
   * has deployed it yet (an election in progress, a leader starting) the answer is 503 with Retry-After.
   */
  Future<JsonObject> requestScoped(RoutingContext ctx, Address<JsonObject> address, JsonObject body) {
    return Commands.request(bus, address, body, RequestIds.handedOptions(RequestIdHandler.of(ctx), timeoutMs))
        .map(reply -> reply.body())
        .recover(error -> {
          Failure failure = Failure.from(error);
          if (!address.nodeLocal() && failure.code().equals(Failure.Codes.COMPONENT_UNAVAILABLE)) {
            failure = Failure.unavailable(Failure.Codes.COMPONENT_UNAVAILABLE, "nothing answers " + address.name()
                + " right now: it runs on the leading node, and a leader is being elected or is starting; try again "
                + "shortly", LEADER_RETRY_AFTER_S);
          }
          return Future.failedFuture(failure.asException());
        });
  }
}
