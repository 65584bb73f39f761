package io.vigil.observe;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.micrometer.backends.BackendRegistries;

import java.util.function.Supplier;

/** Vigil's own meters, registered in the Prometheus registry when metrics are on, and nowhere when they are off. */
public final class Meters {
  private Meters() {}

  /**
   * A counter (exported with {@code _total}) given as what to call to count one, so plain classes need no Micrometer
   * types; counts nowhere when metrics are off. {@code tags} are name, value pairs.
   */
  public static Runnable counter(String name, String description, String... tags) {
    MeterRegistry registry = BackendRegistries.getDefaultNow();
    if (registry == null) return () -> { };
    Counter counter = Counter.builder(name).description(description).tags(tags).register(registry);
    return counter::increment;
  }

  /** Registers a gauge once per registry (a second registration of the same name keeps the first). */
  public static void gauge(String name, String description, Supplier<Number> value) {
    MeterRegistry registry = BackendRegistries.getDefaultNow();
    if (registry == null) return;
    Gauge.builder(name, value).description(description).strongReference(true).register(registry);
  }
}
