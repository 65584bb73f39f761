package io.vigil.domain.recovery;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The failovers in force as an engine on one node knows them: the switches it hears (recovery's
 * {@code TargetSwitched} facts) and the leader's list, asked for as the engine starts — so a node that starts or joins
 * while a component runs on its secondary points at the secondary at once, not at the next leader change.
 *
 * <p>The leader is asked rather than the store: with PostgreSQL shared by every node the leader has read the stored
 * switches and may have switched one back since; with the in-memory store only the leader's own memory holds them.
 * A switch heard after the question went out is newer than the answer, so for that component the answer is ignored.
 * Plain; one event loop owns it.
 */
public final class FailoversInForce {
  /** One component on its secondary {@code target}: which http task types, and whether its probe, point there. */
  public record Failover(String component, String target, List<String> taskTypes, boolean probe) {
    public Failover {
      taskTypes = List.copyOf(taskTypes);
    }
  }

  private final Map<String, Failover> byComponent = new LinkedHashMap<>();
  /** Components a switch was heard for since the question went out. */
  private final Set<String> heardSinceAsked = new HashSet<>();

  /** The question to the leader goes out now. */
  public void asking() {
    heardSinceAsked.clear();
  }

  /** A switch heard: to {@code target}, or back to the primaries when {@code target} is null. Whether it changed anything. */
  public boolean switched(String component, String target, List<String> taskTypes, boolean probe) {
    heardSinceAsked.add(component);
    return put(component, target == null ? null : new Failover(component, target, taskTypes, probe));
  }

  /**
   * The leader's answer: every failover in force when it answered (a component it does not name is on its
   * primaries), except for the components a switch was heard for since {@link #asking}. Whether it changed anything.
   */
  public boolean answered(List<Failover> inForce) {
    Map<String, Failover> answer = new LinkedHashMap<>();
    inForce.forEach(f -> answer.put(f.component(), f));
    Set<String> components = new HashSet<>(byComponent.keySet());
    components.addAll(answer.keySet());
    boolean changed = false;
    for (String component : components) {
      if (!heardSinceAsked.contains(component)) changed |= put(component, answer.get(component));
    }
    return changed;
  }

  /** The http task types on a secondary: type → target. */
  public Map<String, String> taskTargets() {
    Map<String, String> targets = new LinkedHashMap<>();
    byComponent.values().forEach(f -> f.taskTypes().forEach(type -> targets.put(type, f.target())));
    return targets;
  }

  /** Whether the component's probe checks a secondary now. */
  public boolean probeFailedOver(String component) {
    Failover failover = byComponent.get(component);
    return failover != null && failover.probe();
  }

  /** The components whose probe checks a secondary: component → target. */
  public Map<String, String> probeTargets() {
    Map<String, String> targets = new LinkedHashMap<>();
    byComponent.values().stream().filter(Failover::probe).forEach(f -> targets.put(f.component(), f.target()));
    return targets;
  }

  private boolean put(String component, Failover failover) {
    Failover before = failover == null ? byComponent.remove(component) : byComponent.put(component, failover);
    return !java.util.Objects.equals(before, failover);
  }
}
