package io.vigil.control;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonObject;
import io.vigil.bus.Addresses;
import io.vigil.bus.Commands;
import io.vigil.bus.Facts;
import io.vigil.bus.Failure;
import io.vigil.bus.FieldError;
import io.vigil.config.ControlSlice;
import io.vigil.domain.Millis;
import io.vigil.domain.ModeState;
import io.vigil.domain.SystemMode;
import io.vigil.domain.fact.ModeChanged;
import io.vigil.domain.fact.Stamps;
import io.vigil.store.ConfigCache;
import io.vigil.store.SystemConfigStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * Owns the system mode (the kill switch) of this node. An operator's switch takes effect at once on every node: it
 * is published cluster-wide on {@code vigil.system.mode.changed}, which every node's ControlVerticle adopts and every
 * node's QueueVerticle applies. It is persisted in the store's system config through the cache; the switch never
 * waits for the store, so the kill switch works while PostgreSQL is down (persisting is retried). Losing the queue
 * backend switches this node to the configured fallback by itself, and back (node-local,
 * {@code vigil.system.fallback.changed}).
 */
public final class ControlVerticle extends VerticleBase {
  static final String MODE_KEY = "system.mode";
  private static final Logger LOG = LoggerFactory.getLogger(ControlVerticle.class);
  private static final long PERSIST_RETRY_MS = 5_000;

  private final ControlSlice config;
  private final SystemConfigStore store;
  private final Clock clock;
  private final String node;
  private ConfigCache cache;
  private ModeController modes;
  private Stamps stamps;
  private JsonObject unsaved;
  private long persistTimer = -1;

  /** @param node this node's id (the cluster node id when clustered), named in the facts it publishes */
  public ControlVerticle(ControlSlice config, SystemConfigStore store, Clock clock, String node) {
    this.config = config;
    this.node = node;
    this.store = store;
    this.clock = clock;
  }

  @Override
  public Future<?> start() {
    stamps = new Stamps(clock);
    cache = new ConfigCache(vertx, store, clock, config.configCacheTtl());
    modes = new ModeController(new ModeState(config.system().mode(), false, config.system().fallback()), clock);
    Commands.bind(vertx.eventBus(), Addresses.SYSTEM_MODE_GET, (q, m) -> Future.succeededFuture(view()));
    Commands.bind(vertx.eventBus(), Addresses.SYSTEM_MODE_SET, (q, m) -> Future.succeededFuture(set(q)));
    Commands.bind(vertx.eventBus(), Addresses.SYSTEM_SNAPSHOT,
        (q, m) -> Future.succeededFuture(new JsonObject().put("mode", view())));
    Facts.listen(vertx.eventBus(), Addresses.QUEUE_BACKEND_LOST, e -> modes.backendLost().ifPresent(this::announce));
    Facts.listen(vertx.eventBus(), Addresses.QUEUE_BACKEND_RESTORED, e -> modes.backendRestored().ifPresent(this::announce));
    Facts.listen(vertx.eventBus(), Addresses.SYSTEM_MODE_CHANGED, this::adoptFromPeer);
    return cache.get(MODE_KEY)
        .onSuccess(stored -> stored.ifPresent(this::adoptStored))
        .onFailure(e -> LOG.warn("system mode could not be read from the store ({}); starting in {}", e.getMessage(),
            config.system().mode().wireName()))
        .otherwiseEmpty()
        .onSuccess(v -> LOG.info("system mode {}", modes.state().effective().wireName()));
  }

  private JsonObject set(JsonObject command) {
    String wanted = command.getString("mode");
    SystemMode mode = SystemMode.fromWire(wanted == null ? "" : wanted).orElseThrow(() -> Failure.invalid(List.of(
        new FieldError("mode", "'" + wanted + "' is not one of async_queue, sync_direct, paused, stopped"))).asException());
    String actor = command.getString("actor", "bus");
    String reason = command.getString("reason", "");
    boolean changed = modes.state().configured() != mode;
    ModeController.Change change = modes.set(mode, actor, reason);
    if (changed) {
      persist(new JsonObject().put("mode", mode.wireName()).put("actor", actor).put("reason", reason)
          .put("at", Millis.format(change.at())));
      announce(change);
    }
    return view().put("changed", changed).put("previous", change.previous().wireName());
  }

  /** Publishes the switch: to every node when an operator made it, to this node only for the backend fallback. */
  private void announce(ModeController.Change change) {
    ModeChanged fact = new ModeChanged(stamps.at(change.at()), change.mode(), change.previous(),
        change.state().configured(), change.state().fallbackActive(), change.state().rejectsNewWork(), change.actor(),
        change.reason(), node);
    LOG.warn("system mode: {}", fact.view().message());
    Facts.publish(vertx.eventBus(), change.manual() ? Addresses.SYSTEM_MODE_CHANGED : Addresses.SYSTEM_FALLBACK_CHANGED,
        fact);
  }

  /**
   * A peer's operator switch (fallback switches never leave their node). This node's QueueVerticle hears the same
   * fact and applies it; here it becomes what this node reports and compares the next switch with.
   */
  private void adoptFromPeer(ModeChanged changed) {
    if (node.equals(changed.node())) return;
    modes.adopt(changed.configured(), changed.actor(), changed.reason(), changed.at());
  }

  private void adoptStored(String json) {
    try {
      JsonObject stored = new JsonObject(json);
      SystemMode.fromWire(stored.getString("mode", "")).ifPresent(mode -> modes.adopt(mode, stored.getString("actor", "?"),
          stored.getString("reason", ""), Instant.parse(stored.getString("at", Millis.format(clock.instant())))));
    } catch (RuntimeException e) {
      LOG.warn("ignoring an unreadable stored system mode: {}", e.getMessage());
    }
  }

  /** Writes the mode through the cache; while the store is down the latest mode is retried until it sticks. */
  private void persist(JsonObject value) {
    unsaved = value;
    cache.put(MODE_KEY, value.encode(), value.getString("actor")).onComplete(done -> {
      if (done.succeeded() && unsaved == value) {
        unsaved = null;
      } else if (done.failed() && persistTimer < 0) {
        LOG.warn("system mode not persisted yet ({}); retrying every {} ms", done.cause().getMessage(), PERSIST_RETRY_MS);
        persistTimer = vertx.setTimer(PERSIST_RETRY_MS, id -> {
          persistTimer = -1;
          if (unsaved != null) persist(unsaved);
        });
      }
    });
  }

  private JsonObject view() {
    return modes.view().put("persisted", unsaved == null);
  }
}
