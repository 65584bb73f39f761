package io.vigil.kit;

import io.vertx.core.Future;
import io.vigil.domain.breaker.SharedBreakerState;

import java.util.List;
import java.util.function.Consumer;

/**
 * How the nodes' breaker registries reach each other ({@link BreakerSharing}): Redis pub/sub plus a hash of the
 * current states in production ({@link RedisBreakerLink}), an in-memory hub in tests. Nothing here is on a guarded
 * call's path: a transition is published after it happened, fire and forget.
 */
public interface BreakerLink {
  /** Tells every node (and records it for nodes that start later, or forgets it when closed). */
  void publish(SharedBreakerState state);

  /** The states recorded now (those a starting node takes on). */
  Future<List<SharedBreakerState>> load();

  /**
   * Delivers every state another node publishes to {@code received}; {@code resynced} runs after the link was lost
   * and is back (messages may have been missed: reload). Completes once listening.
   */
  Future<Void> listen(Consumer<SharedBreakerState> received, Runnable resynced);

  Future<Void> close();
}
