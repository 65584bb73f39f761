package io.vigil.recovery.action;

import io.vertx.core.Future;
import io.vigil.store.StoreBackend;

/** Closes the store's PostgreSQL pool and builds a fresh one, then pings through it. */
final class ReconnectStore implements RecoveryAction {
  private final StoreBackend store;

  ReconnectStore(StoreBackend store) {
    this.store = store;
  }

  @Override
  public Future<ActionResult> run(ActionContext context) {
    return store.reconnect().compose(v -> store.ping())
        .map(v -> ActionResult.ok("the " + store.name() + " store's connections were rebuilt and answer"));
  }
}
