package io.vigil.bus;

import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.function.BiFunction;

/**
 * Binds a JSON command on the bus the one way every verticle does it: the body must be a JSON object (or none);
 * the answer is the command's JSON or its coded {@link Failure}; what was not expected is logged with the request id
 * and never sent as a stack trace.
 */
public final class Commands {
  private static final Logger LOG = LoggerFactory.getLogger(Commands.class);

  private Commands() {}

  public static void bind(EventBus bus, String address,
                          BiFunction<JsonObject, Message<Object>, Future<JsonObject>> command) {
    bus.<Object>consumer(address, message -> answer(address, message, command));
  }

  /** Binds a node-local command: only this node's senders reach it, and it answers for this node. */
  public static void bindLocal(EventBus bus, String address,
                               BiFunction<JsonObject, Message<Object>, Future<JsonObject>> command) {
    bus.<Object>localConsumer(address, message -> answer(address, message, command));
  }

  private static void answer(String address, Message<Object> message,
                             BiFunction<JsonObject, Message<Object>, Future<JsonObject>> command) {
    Future<JsonObject> result;
    try {
      Object body = message.body();
      if (body != null && !(body instanceof JsonObject)) {
        throw Failure.of(400, Failure.Codes.MALFORMED_JSON, "the message body must be a JSON object").asException();
      }
      result = command.apply(body == null ? new JsonObject() : (JsonObject) body, message);
    } catch (RuntimeException e) {
      result = Future.failedFuture(e);
    }
    result.onComplete(done -> {
      if (done.succeeded()) {
        message.reply(done.result(), RequestIds.replyOptions(message));
        return;
      }
      Failure failure = Failure.from(done.cause());
      if (failure.status() >= 500 && !(done.cause() instanceof FailureException)) {
        LOG.error("command {} failed (request {})", address, RequestIds.of(message), done.cause());
      }
      failure.replyTo(message);
    });
  }
}
