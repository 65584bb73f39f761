package io.vigil.probe;

import io.vigil.config.ComponentConfig;
import io.vigil.config.ComponentKind;
import io.vigil.config.ProbeSpec;

import java.time.Duration;
import java.util.List;

/** Component configs for tests. */
final class Components {
  private Components() {}

  static ProbeSpec.Timing timing(long intervalMs, long timeoutMs, int failures, int successes) {
    return new ProbeSpec.Timing(Duration.ofMillis(intervalMs), Duration.ofMillis(timeoutMs), failures, successes);
  }

  static ComponentConfig tcp(String id, ProbeSpec.Timing timing) {
    return tcp(id, timing, Duration.ZERO);
  }

  static ComponentConfig tcp(String id, ProbeSpec.Timing timing, Duration degradedAbove) {
    return component(id, new ProbeSpec.Tcp(timing, "127.0.0.1", 9, degradedAbove), true);
  }

  static ComponentConfig component(String id, ProbeSpec probe, boolean critical) {
    ComponentKind kind = ComponentKind.of(probe.type());
    return new ComponentConfig(id, "Component " + id, kind, List.of(), critical, false, true, kind.defaultActions(), probe);
  }
}
