package io.vigil.control;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonObject;
import io.vigil.bus.Addresses;
import io.vigil.bus.Commands;
import io.vigil.bus.EventFactory;
import io.vigil.bus.Failure;
import io.vigil.bus.FieldError;
import io.vigil.config.ControlSlice;
import io.vigil.domain.Event;
import io.vigil.domain.ModeState;
import io.vigil.domain.Severity;
import io.vigil.domain.SystemMode;
import io.vigil.store.ConfigCache;
import io.vigil.store.SystemConfigStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Owns the system mode (the kill switch). An operator's switch takes effect at once on every node (a cluster-wide
 * {@code system.mode.changed} event) and is persisted in the store's system config through the cache; the switch
 * never waits for the store, so the kill switch works while PostgreSQL is down (persisting is retried). Losing the
 * queue backend switches this node to the configured fallback by itself, and back.
 */
public final class ControlVerticle extends VerticleBase {
  static final String MODE_KEY = "system.mode";
  private static final Logger LOG = LoggerFactory.getLogger(ControlVerticle.class);
  private static final long PERSIST_RETRY_MS = 5_000;
  private static final DeliveryOptions LOCAL_ONLY = new DeliveryOptions().setLocalOnly(true);

  private final ControlSlice config;
  private final SystemConfigStore store;
  private final Clock clock;
  private ConfigCache cache;
  private final String node = UUID.randomUUID().toString();
  private ModeController modes;
  private EventFactory events;
  private JsonObject unsaved;
  private long persistTimer = -1;

  public ControlVerticle(ControlSlice config, SystemConfigStore store, Clock clock) {
    this.config = config;
    this.store = store;
    this.clock = clock;
  }

  @Override
  public Future<?> start() {
    events = new EventFactory(clock);
    cache = new ConfigCache(vertx, store, clock, config.configCacheTtl());
    modes = new ModeController(new ModeState(config.system().mode(), false, config.system().fallback()), clock);
    Commands.bind(vertx.eventBus(), Addresses.SYSTEM_MODE_GET, (q, m) -> Future.succeededFuture(view()));
    Commands.bind(vertx.eventBus(), Addresses.SYSTEM_MODE_SET, (q, m) -> Future.succeededFuture(set(q)));
    vertx.eventBus().<Event>localConsumer(Addresses.QUEUE_BACKEND_LOST, m -> modes.backendLost().ifPresent(this::announce));
    vertx.eventBus().<Event>localConsumer(Addresses.QUEUE_BACKEND_RESTORED, m -> modes.backendRestored().ifPresent(this::announce));
    vertx.eventBus().<Event>consumer(Addresses.SYSTEM_MODE_CHANGED, m -> adoptFromPeer(m.body()));
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
          .put("at", clock.instant().toString()));
      announce(change);
    }
    return view().put("changed", changed).put("previous", change.previous().wireName());
  }

  /** Publishes the switch: to every node when an operator made it, to this node only for the backend fallback. */
  private void announce(ModeController.Change change) {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("mode", change.mode().wireName());
    details.put("previous", change.previous().wireName());
    details.put("configured", change.state().configured().wireName());
    details.put("fallback_active", change.state().fallbackActive());
    details.put("reason", change.reason());
    details.put("node", node);
    Severity severity = change.mode() == SystemMode.STOPPED || change.state().rejectsNewWork() ? Severity.CRITICAL
        : change.mode() == SystemMode.ASYNC_QUEUE ? Severity.INFO : Severity.WARNING;
    String what = change.state().rejectsNewWork() ? "new work is refused" : "mode " + change.mode().wireName();
    Event event = events.create("system.mode.changed", severity, "system", change.actor(),
        what + " (was " + change.previous().wireName() + ") by " + change.actor() + ": " + change.reason(), details);
    LOG.warn("system mode: {}", event.message());
    if (change.manual()) vertx.eventBus().publish(Addresses.SYSTEM_MODE_CHANGED, event);
    else vertx.eventBus().publish(Addresses.SYSTEM_MODE_CHANGED, event, LOCAL_ONLY);
  }

  /** A peer's operator switch (fallback switches never leave their node). */
  private void adoptFromPeer(Event event) {
    if (node.equals(event.details().get("node"))) return;
    SystemMode.fromWire(String.valueOf(event.details().get("configured")))
        .ifPresent(mode -> modes.adopt(mode, event.actor(), String.valueOf(event.details().get("reason")), event.time()));
  }

  private void adoptStored(String json) {
    try {
      JsonObject stored = new JsonObject(json);
      SystemMode.fromWire(stored.getString("mode", "")).ifPresent(mode -> modes.adopt(mode, stored.getString("actor", "?"),
          stored.getString("reason", ""), Instant.parse(stored.getString("at", clock.instant().toString()))));
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
