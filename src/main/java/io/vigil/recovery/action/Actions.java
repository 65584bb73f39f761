package io.vigil.recovery.action;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vigil.config.RecoveryConfig;
import io.vigil.kit.Breakers;
import io.vigil.store.StoreBackend;

import java.time.Clock;

/** Builds each configured action: one small class per kind behind {@link RecoveryAction}. */
public final class Actions {
  private final Vertx vertx;
  private final WebClient client;
  private final StoreBackend store;
  private final Failovers failovers;
  private final Clock clock;

  public Actions(Vertx vertx, WebClient client, StoreBackend store, Failovers failovers, Clock clock) {
    this.vertx = vertx;
    this.client = client;
    this.store = store;
    this.failovers = failovers;
    this.clock = clock;
  }

  public RecoveryAction create(RecoveryConfig.Action action, boolean allowExec) {
    RecoveryConfig.Params p = action.params();
    if (p instanceof RecoveryConfig.Reconnect r) {
      return r.target().equals("pg") ? new ReconnectStore(store)
          : new QueueCommand(vertx.eventBus(), new JsonObject().put("action", "reconnect"),
              reply -> "the queue backend's connections were rebuilt and answer");
    }
    if (p instanceof RecoveryConfig.ResetBreaker r) return new ResetBreaker(Breakers.of(vertx), r.breaker());
    if (p instanceof RecoveryConfig.RequeueStalled r) {
      return new QueueCommand(vertx.eventBus(), new JsonObject().put("action", "reap").put("max", r.max()),
          reply -> reply.getInteger("reaped", 0) + " expired lease(s) taken back");
    }
    if (p instanceof RecoveryConfig.DrainToDlq r) {
      return new QueueCommand(vertx.eventBus(), new JsonObject().put("action", "drain").put("queue", r.queue())
          .put("older_than_ms", r.olderThan().toMillis()).put("max", r.max()),
          reply -> reply.getInteger("drained", 0) + " task(s) of " + r.queue() + " moved to its dead letters");
    }
    if (p instanceof RecoveryConfig.PurgeForeign r) return new PurgeForeign(vertx, r, action.step().timeout(), clock);
    if (p instanceof RecoveryConfig.Failover r) return new Failover(failovers, r);
    if (p instanceof RecoveryConfig.HttpHook r) {
      return new HttpHook(client, r.url(), r.signingKey() == null ? null : new HookSigner(r.signingKey().value()),
          clock);
    }
    if (p instanceof RecoveryConfig.Exec r) {
      return allowExec ? new Exec(vertx, r.command(), action.step().timeout())
          : context -> Future.succeededFuture(ActionResult.failed("exec is off (recovery.allow_exec)"));
    }
    return new Manual();
  }
}
