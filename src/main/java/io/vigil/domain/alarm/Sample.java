package io.vigil.domain.alarm;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One observed value of one series: a metric name (see {@link AlarmMetrics}), the labels that identify the series
 * (queue, component, channel...) and when it was observed.
 */
public record Sample(String metric, Labels labels, double value, Instant at) {
  public Sample {
    Objects.requireNonNull(metric, "metric");
    Objects.requireNonNull(labels, "labels");
    Objects.requireNonNull(at, "at");
  }

  public static Sample of(String metric, Map<String, String> labels, double value, Instant at) {
    return new Sample(metric, Labels.of(labels), value, at);
  }
}
