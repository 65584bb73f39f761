package io.vigil.queue.handler;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonObject;
import io.vigil.bus.Address;
import io.vigil.bus.Addresses;
import io.vigil.bus.ClusterView;
import io.vigil.bus.Facts;
import io.vigil.bus.RequestIds;
import io.vigil.config.TaskTypeConfig;
import io.vigil.domain.TaskOutcome;

import java.util.function.Consumer;

/**
 * Sends the task to {@code vigil.worker.<type>}, where a worker anywhere on the (clustered) bus answers. A reply
 * is success (its body becomes the result). A failure code from 400 to 499, except 408 and 429, is permanent;
 * any other failure, no worker, or no reply in time is retryable — and so is a worker's node leaving the cluster
 * while it may have had the task: the attempt fails then, not at its timeout, even when other nodes serve the type
 * too ({@link ClusterView.Departure#ANY_SERVER}; which one got it cannot be known). When the attempt is cancelled
 * (an operator, or its timeout) or failed that way, {@code {id, attempt, reason}} is published on
 * {@code vigil.worker.<type>.cancel} for a worker that still runs it to stop: the task is retried, at least once.
 */
public final class EventBusHandlerFactory implements TaskHandlerFactory {

  /** Failure codes a worker uses: permanent (do not retry) and retryable. */
  public static final int PERMANENT = 400;
  public static final int RETRYABLE = 503;

  @Override
  public String name() {
    return "eventbus";
  }

  @Override
  public TaskHandler create(Vertx vertx, TaskTypeConfig type) {
    String address = Addresses.worker(type.name()).name();
    Address<JsonObject> cancelAddress = Addresses.workerCancel(type.name());
    return context -> {
      JsonObject body = new JsonObject()
          .put("id", context.task().id())
          .put("type", context.task().type())
          .put("queue", context.task().queue())
          .put("attempt", context.attempt())
          .put("payload", new JsonObject(context.task().payload()));
      DeliveryOptions options = RequestIds.options(context.requestId(), context.timeout().toMillis());
      Consumer<String> cancel = reason -> Facts.publish(vertx.eventBus(), cancelAddress,
          new JsonObject().put("id", context.task().id()).put("attempt", context.attempt()).put("reason", reason));
      context.cancellation().onSuccess(cancel::accept);
      return ClusterView.request(vertx.eventBus(), address, body, options, ClusterView.Departure.ANY_SERVER)
          .onFailure(e -> {
            if (e instanceof ClusterView.NodeLeft) cancel.accept(e.getMessage() + "; the task is retried");
          })
          .map(reply -> TaskOutcome.success(Results.fromBusReply(reply.body())))
          .otherwise(EventBusHandlerFactory::outcomeOf);
    };
  }

  static TaskOutcome outcomeOf(Throwable error) {
    if (error instanceof ReplyException re) {
      return switch (re.failureType()) {
        case NO_HANDLERS -> TaskOutcome.retryable(re instanceof ClusterView.NodeLeft ? re.getMessage()
            : "no worker is registered");
        case TIMEOUT -> TaskOutcome.retryable("the worker did not reply in time");
        default -> isPermanent(re.failureCode())
            ? TaskOutcome.permanent("worker refused the task (" + re.failureCode() + "): " + re.getMessage())
            : TaskOutcome.retryable("worker failed (" + re.failureCode() + "): " + re.getMessage());
      };
    }
    return TaskOutcome.retryable(String.valueOf(error.getMessage()));
  }

  static boolean isPermanent(int code) {
    return code >= 400 && code < 500 && code != 408 && code != 429;
  }
}
