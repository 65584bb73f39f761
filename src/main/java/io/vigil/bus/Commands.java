package io.vigil.bus;

import io.vertx.core.Future;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.function.BiFunction;

/**
 * Binds and asks JSON commands the one way every verticle does it, applying the address's {@link Scope}: a
 * node-local command is bound with a local consumer and asked on this node only; a cluster-wide one is bound so
 * that every node and other applications reach it. The body must be a JSON object (or none); the answer is the
 * command's JSON or its coded {@link Failure}; what was not expected is logged with the request id and never sent
 * as a stack trace.
 */
public final class Commands {
  private static final Logger LOG = LoggerFactory.getLogger(Commands.class);

  private Commands() {}

  public static MessageConsumer<Object> bind(EventBus bus, Address<JsonObject> address,
                                             BiFunction<JsonObject, Message<Object>, Future<JsonObject>> command) {
    io.vertx.core.Handler<Message<Object>> handler = message -> answer(address, message, command);
    return address.nodeLocal() ? bus.localConsumer(address.name(), handler) : bus.consumer(address.name(), handler);
  }

  /**
   * Asks {@code address}, honouring its scope: a node-local command is answered on this node or fails at once with
   * no handlers; a cluster-wide one by any node that binds it, failing with no handlers as soon as the nodes that
   * served it have left the cluster ({@link ClusterView}) rather than at its timeout.
   */
  public static Future<Message<JsonObject>> request(EventBus bus, Address<JsonObject> address, JsonObject body,
                                                    DeliveryOptions options) {
    return address.nodeLocal() ? bus.request(address.name(), body, local(options))
        : ClusterView.request(bus, address.name(), body, options);
  }

  /**
   * Asks this node's verticle whatever the scope: a node's HTTP API answers from its own engine (with the memory
   * backend a peer has other queues), and a cluster-wide command stays reachable by other applications.
   */
  public static Future<Message<JsonObject>> requestHere(EventBus bus, Address<JsonObject> address, JsonObject body,
                                                        DeliveryOptions options) {
    return bus.request(address.name(), body, local(options));
  }

  /** The caller's options are left as they are (they may be shared). */
  private static DeliveryOptions local(DeliveryOptions options) {
    return options.isLocalOnly() ? options : new DeliveryOptions(options).setLocalOnly(true);
  }

  private static void answer(Address<JsonObject> address, Message<Object> message,
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
        LOG.error("command {} failed (request {})", address.name(), RequestIds.of(message), done.cause());
      }
      failure.replyTo(message);
    });
  }
}
