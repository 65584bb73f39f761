package io.vigil.http;

import io.vertx.core.Future;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vigil.bus.Addresses;
import io.vigil.bus.Commands;
import io.vigil.bus.Failure;
import io.vigil.domain.Millis;
import io.vigil.domain.SystemMode;
import io.vigil.domain.health.HealthStatus;
import io.vigil.domain.status.ComponentHealth;
import io.vigil.domain.status.ModeFacts;
import io.vigil.domain.status.StatusLine;
import io.vigil.domain.status.SystemStatus;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Gathers what the status line is built from — this node's mode ({@code vigil.system.mode.get}) and the components
 * (from the probes on the leading node, without uptime) — and composes it with the domain's {@link StatusLine}. When
 * the components cannot be had (no node leads, or it does not answer in time) the answer says so and follows the
 * mode alone. "Operators have been notified" comes from the open alarms ({@code vigil.alarms.list}): a component
 * counts as notified when an alarm labelled with it is firing or acknowledged and its firing message went to at least
 * one channel; when the alarms cannot be had, no such claim is made.
 */
final class StatusQuery {
  /** The components as readiness and the status line see them; {@code unavailable} says why there are none. */
  /** @param recovery by component id: {@code recovering} and {@code auto_recoverable}, as the leader says them */
  record Components(List<ComponentHealth> all, String unavailable, java.util.Map<String, JsonObject> recovery) {
    Components(List<ComponentHealth> all, String unavailable) {
      this(all, unavailable, java.util.Map.of());
    }
  }

  /** Open alarms asked for; more open alarms than this at once is an outage far beyond one status sentence. */
  static final int ALARMS_LIMIT = 1_000;

  private final EventBus bus;
  private final long timeoutMs;
  private final Clock clock;

  StatusQuery(EventBus bus, long timeoutMs, Clock clock) {
    this.bus = bus;
    this.timeoutMs = timeoutMs;
    this.clock = clock;
  }

  Future<Components> components() {
    return Commands.request(bus, Addresses.COMPONENTS_LIST, new JsonObject().put("uptime", false),
            new DeliveryOptions().setSendTimeout(timeoutMs))
        .map(reply -> {
          JsonArray list = reply.body().getJsonArray("components", new JsonArray());
          return new Components(parse(list), null, recovery(list));
        })
        .otherwise(error -> new Components(List.of(), why(error)));
  }

  private static String why(Throwable error) {
    if (error instanceof ReplyException re && re.failureType() == ReplyFailure.NO_HANDLERS) {
      return "the probes run on the leading node, and none runs them now";
    }
    if (error instanceof ReplyException re && re.failureType() == ReplyFailure.TIMEOUT) return "the probes did not answer in time";
    return Failure.from(error).detail();
  }

  Future<JsonObject> status() {
    Future<JsonObject> mode = Commands.request(bus, Addresses.SYSTEM_MODE_GET, new JsonObject(),
        new DeliveryOptions().setSendTimeout(timeoutMs)).map(m -> m.body());
    Future<Components> components = components();
    Future<Set<String>> notified = notifiedComponents();
    return Future.all(mode, components, notified)
        .map(done -> toJson(mode.result(), components.result(), notified.result(), clock.instant()));
  }

  /** The components whose open alarm people have been told of; empty when the alarms do not answer. */
  Future<Set<String>> notifiedComponents() {
    JsonObject query = new JsonObject().put("states", new JsonArray().add("firing").add("acknowledged"))
        .put("limit", ALARMS_LIMIT);
    return Commands.request(bus, Addresses.ALARMS_LIST, query, new DeliveryOptions().setSendTimeout(timeoutMs))
        .map(reply -> notified(reply.body().getJsonArray("alarms", new JsonArray())))
        .otherwise(error -> Set.of());
  }

  static Set<String> notified(JsonArray alarms) {
    Set<String> components = new HashSet<>();
    for (Object item : alarms) {
      JsonObject alarm = (JsonObject) item;
      String component = alarm.getJsonObject("labels", new JsonObject()).getString("component");
      if (component != null && alarm.getBoolean("notified", false)
          && !alarm.getJsonArray("told", new JsonArray()).isEmpty()) {
        components.add(component);
      }
    }
    return components;
  }

  static JsonObject toJson(JsonObject mode, Components components, Set<String> notified, Instant now) {
    ModeFacts facts = modeFacts(mode);
    SystemStatus status = StatusLine.compose(facts, components.all(), notified, now);
    String message = status.message();
    String overall = status.status().wireName();
    if (components.unavailable() != null) {
      overall = HealthStatus.UNKNOWN.wireName();
      message = "Component health is not known right now (" + components.unavailable() + "); "
          + (status.canAcceptWork() ? "work is accepted." : "new work is refused.");
    }
    JsonArray actions = new JsonArray();
    status.suggestedActions().forEach(a -> {
      JsonObject recovery = components.recovery().getOrDefault(a.component(), new JsonObject());
      actions.add(new JsonObject().put("component", a.component())
          .put("name", a.name()).put("status", a.status().wireName()).put("action", a.action())
          .put("being_recovered", recovery.getBoolean("recovering", false))
          .put("auto_recoverable", recovery.getBoolean("auto_recoverable", false)));
    });
    return new JsonObject()
        .put("status", overall)
        .put("can_accept_work", status.canAcceptWork())
        .put("can_publish", status.canPublish())
        .put("message", message)
        .put("since", Millis.format(status.since()))
        .put("components_down", new JsonArray(status.componentsDown()))
        .put("suggested_actions", actions)
        .put("mode", facts.mode().wireName());
  }

  static ModeFacts modeFacts(JsonObject mode) {
    SystemMode effective = SystemMode.fromWire(mode.getString("mode")).orElse(SystemMode.ASYNC_QUEUE);
    boolean fallback = mode.getBoolean("fallback_active", false);
    boolean accepting = mode.getBoolean("accepting_work", true);
    String changedAt = mode.getString("changed_at");
    return new ModeFacts(effective, fallback, fallback && !accepting,
        changedAt == null ? null : Instant.parse(changedAt), mode.getString("changed_by"), mode.getString("reason"));
  }

  /** What recovery does for each component: a plan running now, and whether one may act without a person. */
  static java.util.Map<String, JsonObject> recovery(JsonArray components) {
    java.util.Map<String, JsonObject> out = new java.util.HashMap<>();
    for (Object item : components) {
      JsonObject c = (JsonObject) item;
      out.put(c.getString("id"), new JsonObject().put("recovering", c.getBoolean("recovering", false))
          .put("auto_recoverable", c.getBoolean("auto_recoverable", false)));
    }
    return out;
  }

  static List<ComponentHealth> parse(JsonArray components) {
    List<ComponentHealth> out = new ArrayList<>();
    for (Object item : components) {
      JsonObject c = (JsonObject) item;
      String since = c.getString("since");
      out.add(new ComponentHealth(c.getString("id"), c.getString("name"), c.getBoolean("critical", false),
          HealthStatus.fromWire(c.getString("status")).orElse(HealthStatus.UNKNOWN),
          since == null ? null : Instant.parse(since), c.getString("last_error"), c.getString("suggested_action")));
    }
    return out;
  }
}
