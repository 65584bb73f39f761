package io.vigil.domain.probe;

import java.util.List;

/** The probe results of a short span, published together ({@code vigil.probe.result.recorded}). */
public record ProbeResults(List<ProbeResult> results) {
  public ProbeResults {
    results = List.copyOf(results);
  }
}
