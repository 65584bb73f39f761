package io.vigil.bus;

import io.vertx.core.eventbus.EventBus;
import io.vigil.config.ConfigApplied;
import io.vigil.domain.fact.Fact;
import io.vigil.domain.probe.ProbeResults;

import java.util.List;

/** Registers the codecs of every record that travels on the bus. Call once per Vertx instance. */
public final class BusCodecs {
  /** Records passed by reference inside one JVM; they have no wire form, so only node-local addresses carry them. */
  public static final List<Class<?>> LOCAL_ONLY = List.of(QueueStatsUpdated.class, FinishedTasks.class, StreamedEvent.class,
      ConfigApplied.class);

  private BusCodecs() {}

  @SuppressWarnings({"unchecked", "rawtypes"})
  public static void register(EventBus bus) {
    for (Class<? extends Fact> type : FactWire.types()) bus.registerDefaultCodec((Class) type, new FactCodec(type));
    for (Class type : LOCAL_ONLY) bus.registerDefaultCodec(type, new LocalCodec<>(type));
    bus.registerCodec(new HandedJsonCodec());
    bus.registerDefaultCodec(ProbeResults.class, new ProbeResultsCodec());
  }
}
