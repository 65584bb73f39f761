package io.vigil.bus;

import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.MessageConsumer;

import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * Publishes and listens to facts, applying the address's {@link Scope}. A node-local fact is published with
 * {@code localOnly} (so a record with a local codec never meets the wire) and heard by local consumers. A
 * cluster-wide fact is published to every node, and its listeners are registered cluster-wide: a local consumer
 * never hears a peer's publish, which is how a mode switch once failed to reach the other nodes' queue engines.
 */
public final class Facts {
  private static final DeliveryOptions LOCAL_ONLY = new DeliveryOptions().setLocalOnly(true);

  private Facts() {}

  /** A cluster-wide fact carries the node it was published on ({@link ClusterView#ORIGIN}) when clustered. */
  public static <T> void publish(EventBus bus, Address<T> address, T fact) {
    if (address.nodeLocal()) {
      bus.publish(address.name(), fact, LOCAL_ONLY);
      return;
    }
    ClusterView view = ClusterView.of(bus);
    if (view == null) bus.publish(address.name(), fact);
    else bus.publish(address.name(), fact, view.origin());
  }

  /** Calls {@code listener} with every fact on {@code address} this node should hear (a peer's too when cluster-wide). */
  public static <T> MessageConsumer<T> listen(EventBus bus, Address<T> address, Consumer<T> listener) {
    return address.nodeLocal()
        ? bus.localConsumer(address.name(), message -> listener.accept(message.body()))
        : bus.consumer(address.name(), message -> listener.accept(message.body()));
  }

  /** As {@link #listen}, with the node the fact was published on (null when it does not say: this node's own). */
  public static <T> MessageConsumer<T> listenWithOrigin(EventBus bus, Address<T> address, BiConsumer<T, String> listener) {
    io.vertx.core.Handler<io.vertx.core.eventbus.Message<T>> handler =
        message -> listener.accept(message.body(), message.headers().get(ClusterView.ORIGIN));
    return address.nodeLocal() ? bus.localConsumer(address.name(), handler) : bus.consumer(address.name(), handler);
  }
}
