package io.vigil.bus;

import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.MessageConsumer;

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

  public static <T> void publish(EventBus bus, Address<T> address, T fact) {
    if (address.nodeLocal()) bus.publish(address.name(), fact, LOCAL_ONLY);
    else bus.publish(address.name(), fact);
  }

  /** Calls {@code listener} with every fact on {@code address} this node should hear (a peer's too when cluster-wide). */
  public static <T> MessageConsumer<T> listen(EventBus bus, Address<T> address, Consumer<T> listener) {
    return address.nodeLocal()
        ? bus.localConsumer(address.name(), message -> listener.accept(message.body()))
        : bus.consumer(address.name(), message -> listener.accept(message.body()));
  }
}
