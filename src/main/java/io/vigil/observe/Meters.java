package io.vigil.observe;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.micrometer.backends.BackendRegistries;

import java.util.function.Supplier;

/** Vigil's own meters, registered in the Prometheus registry when metrics are on, and nowhere when they are off. */
public final class Meters {
  private Meters() {}

  /** Registers a gauge once per registry (a second registration of the same name keeps the first). */
  public static void gauge(String name, String description, Supplier<Number> value) {
    MeterRegistry registry = BackendRegistries.getDefaultNow();
    if (registry == null) return;
    Gauge.builder(name, value).description(description).strongReference(true).register(registry);
  }
}
