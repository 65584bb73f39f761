package io.vigil.bus;

import io.vertx.core.eventbus.EventBus;
import io.vigil.domain.Event;
import io.vigil.domain.breaker.BreakerTransition;
import io.vigil.domain.probe.ProbeResults;

/** Registers the codecs of every record that travels on the bus. Call once per Vertx instance. */
public final class BusCodecs {
  private BusCodecs() {}

  public static void register(EventBus bus) {
    bus.registerDefaultCodec(Event.class, new EventCodec());
    bus.registerDefaultCodec(QueueStatsUpdated.class, new LocalCodec<>(QueueStatsUpdated.class));
    bus.registerDefaultCodec(FinishedTasks.class, new LocalCodec<>(FinishedTasks.class));
    bus.registerDefaultCodec(StreamedEvent.class, new LocalCodec<>(StreamedEvent.class));
    bus.registerDefaultCodec(BreakerTransition.class, new LocalCodec<>(BreakerTransition.class));
    bus.registerCodec(new HandedJsonCodec());
    bus.registerDefaultCodec(ProbeResults.class, new ProbeResultsCodec());
  }
}
