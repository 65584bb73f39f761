package io.vigil.recovery.action;

import io.vertx.core.Future;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonObject;
import io.vigil.bus.Addresses;
import io.vigil.bus.Commands;

import java.util.function.Function;

/**
 * The queue-side actions, asked of this node's queue engine over {@code vigil.queues.recover} (recovery does not hold
 * the backend): {@code reconnect} (rebuild the backend's client), {@code reap} (take back expired leases now),
 * {@code drain} (move old waiting tasks of a queue to its dead letters).
 */
final class QueueCommand implements RecoveryAction {
  private final EventBus bus;
  private final JsonObject request;
  private final Function<JsonObject, String> describe;

  QueueCommand(EventBus bus, JsonObject request, Function<JsonObject, String> describe) {
    this.bus = bus;
    this.request = request;
    this.describe = describe;
  }

  @Override
  public Future<ActionResult> run(ActionContext context) {
    JsonObject body = request.copy().put("actor", "recovery:" + context.component());
    return Commands.request(bus, Addresses.QUEUES_RECOVER, body, new DeliveryOptions().setSendTimeout(30_000))
        .map(reply -> ActionResult.ok(describe.apply(reply.body())));
  }
}
