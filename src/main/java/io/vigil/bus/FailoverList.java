package io.vigil.bus;

import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vigil.domain.Timers;
import io.vigil.domain.recovery.FailoversInForce;
import io.vigil.domain.recovery.FailoversInForce.Failover;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The leader's failovers in force on the wire ({@code vigil.recovery.failovers}: {@code {failovers: [{component,
 * target, probe, task_types}]}}), and the question the engines on every node ask as they start.
 */
public final class FailoverList {
  private static final Logger LOG = LoggerFactory.getLogger(FailoverList.class);
  static final long TIMEOUT_MS = 10_000;
  /** While nothing answers (no leader yet, or its recovery still starting), asked again this often, this many times. */
  static final long RETRY_MS = 5_000;
  static final int TRIES = 6;

  private FailoverList() {}

  public static JsonObject toJson(Collection<Failover> failovers) {
    JsonArray list = new JsonArray();
    failovers.forEach(f -> list.add(new JsonObject().put("component", f.component()).put("target", f.target())
        .put("probe", f.probe()).put("task_types", new JsonArray(f.taskTypes()))));
    return new JsonObject().put("failovers", list);
  }

  public static List<Failover> fromJson(JsonObject json) {
    List<Failover> out = new ArrayList<>();
    for (Object o : json.getJsonArray("failovers", new JsonArray())) {
      if (o instanceof JsonObject f && f.getString("component") != null && f.getString("target") != null) {
        out.add(new Failover(f.getString("component"), f.getString("target"),
            f.getJsonArray("task_types", new JsonArray()).stream().map(String::valueOf).toList(),
            f.getBoolean("probe", false)));
      }
    }
    return out;
  }

  /**
   * Asks the leader which failovers are in force and hands the answer to {@code into}; {@code changed} runs when it
   * moved anything. Without an answer it asks again (a leader that starts later announces its failovers anyway, but
   * one that was merely slow would not).
   */
  public static void ask(EventBus bus, Timers timers, FailoversInForce into, Runnable changed) {
    ask(bus, timers, into, changed, TRIES);
  }

  private static void ask(EventBus bus, Timers timers, FailoversInForce into, Runnable changed, int tries) {
    into.asking();
    Commands.request(bus, Addresses.RECOVERY_FAILOVERS, new JsonObject(), new DeliveryOptions().setSendTimeout(TIMEOUT_MS))
        .onSuccess(reply -> {
          if (into.answered(fromJson(reply.body()))) changed.run();
        })
        .onFailure(e -> {
          LOG.debug("the failovers in force not known yet ({} tries left): {}", tries - 1, e.getMessage());
          if (tries > 1) timers.schedule(RETRY_MS, () -> ask(bus, timers, into, changed, tries - 1));
        });
  }
}
