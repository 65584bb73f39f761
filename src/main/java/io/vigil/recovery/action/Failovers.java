package io.vigil.recovery.action;

import io.vertx.core.Future;
import io.vigil.config.RecoveryConfig;
import io.vigil.domain.Timers;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Which components run on their secondary, and the watch that brings each back: while switched, the primary is
 * checked every {@code check_interval}; after {@code primary_checks} good answers in a row the component goes back
 * to its primaries. The switch itself is a {@code TargetSwitched} fact that the probe and queue engines apply.
 * Plain, on {@link Timers}; one event loop owns it.
 */
public final class Failovers {
  /** Publishes a switch: {@code target} null = back to the primaries. */
  public interface Switch {
    void publish(String component, RecoveryConfig.Failover failover, String target);
  }

  private record Active(RecoveryConfig.Failover failover, long timer, int good) {}

  private final Timers timers;
  private final Function<String, Future<Boolean>> primaryAnswers;
  private final Switch publisher;
  private final Map<String, Active> active = new HashMap<>();

  public Failovers(Timers timers, Function<String, Future<Boolean>> primaryAnswers, Switch publisher) {
    this.timers = timers;
    this.primaryAnswers = primaryAnswers;
    this.publisher = publisher;
  }

  public boolean onSecondary(String component) {
    return active.containsKey(component);
  }

  /** The components on their secondary now, each with its failover. */
  public Map<String, RecoveryConfig.Failover> active() {
    Map<String, RecoveryConfig.Failover> now = new java.util.LinkedHashMap<>();
    active.forEach((component, a) -> now.put(component, a.failover()));
    return now;
  }

  /**
   * A failover a previous leader (or this node before a restart) left in force: announced again, so every engine
   * points at the secondary, and the primary watched as after a switch.
   */
  public void resume(String component, RecoveryConfig.Failover failover) {
    switchToSecondary(component, failover);
  }

  /** Switches {@code component} to the secondary (again: a no-op) and starts watching the primary. */
  ActionResult switchToSecondary(String component, RecoveryConfig.Failover failover) {
    if (active.containsKey(component)) return ActionResult.ok(component + " already runs on its secondary");
    publisher.publish(component, failover, failover.secondary());
    active.put(component, new Active(failover, watch(component, failover), 0));
    return ActionResult.ok(component + " switched to its secondary");
  }

  /** The watches stop (the recovery verticle stops); the switches stay in force for the next leader to resume. */
  public void stop() {
    active.values().forEach(a -> timers.cancel(a.timer()));
    active.clear();
  }

  private long watch(String component, RecoveryConfig.Failover failover) {
    return timers.schedule(failover.checkInterval().toMillis(), () -> check(component));
  }

  private void check(String component) {
    Active current = active.get(component);
    if (current == null || current.failover().primary() == null) return;
    primaryAnswers.apply(current.failover().primary()).otherwise(false).onSuccess(ok -> {
      Active now = active.get(component);
      if (now != current) return; // stopped or switched again meanwhile
      int good = ok ? now.good() + 1 : 0;
      if (good >= now.failover().primaryChecks()) {
        active.remove(component);
        publisher.publish(component, now.failover(), null);
        return;
      }
      active.put(component, new Active(now.failover(), watch(component, now.failover()), good));
    });
  }
}
