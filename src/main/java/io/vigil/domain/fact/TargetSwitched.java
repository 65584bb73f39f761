package io.vigil.domain.fact;

import io.vigil.domain.Event;
import io.vigil.domain.Severity;

import java.net.URI;
import java.util.List;

/**
 * Recovery switched a component's dependency to its secondary ({@code target} set) or back to the configured
 * primaries ({@code target} null). Published by the leader's recovery verticle, cluster-wide: the probe verticle
 * points the component's http probe there (when {@code probe}), every node's queue engine the named http task types.
 */
public record TargetSwitched(Stamp stamp, String component, List<String> taskTypes, boolean probe, String target)
    implements Fact {
  public TargetSwitched {
    taskTypes = List.copyOf(taskTypes);
  }

  public boolean toSecondary() {
    return target != null;
  }

  @Override
  public Event view() {
    return FactView.of(this, toSecondary() ? "recovery.failover" : "recovery.failback", Severity.WARNING,
        "component:" + component, toSecondary()
            ? component + " switched to its secondary " + shown(target) : component + " back on its primary",
        "component", component, "task_types", taskTypes, "probe", probe, "target", shown(target));
  }

  /** Scheme, host, port and path: no credentials. */
  private static String shown(String url) {
    if (url == null) return null;
    try {
      URI u = URI.create(url);
      return u.getScheme() + "://" + u.getHost() + (u.getPort() < 0 ? "" : ":" + u.getPort())
          + (u.getRawPath() == null ? "" : u.getRawPath());
    } catch (IllegalArgumentException e) {
      return "(unparsable URL)";
    }
  }
}
