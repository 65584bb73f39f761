package io.vigil.bus;

import io.vertx.core.json.JsonObject;
import io.vigil.domain.fact.Fact;
import io.vigil.domain.fact.FactView;

import java.util.function.Function;

/**
 * What the live stream sends from one address: the SSE event name and data of each body, and whether it is kept
 * (numbered, replayed after {@code Last-Event-ID}, never dropped for a slow client) or ephemeral (no id, dropped for a
 * slow client, like statistics). A capability declares its own; the app hands them all to the stream.
 */
public record StreamRegistration<T>(Address<T> address, Function<? super T, String> eventName,
                                    Function<? super T, JsonObject> encoder, boolean kept) {

  /** A fact, kept: named by its type, sent in its audit form (id, time, type, severity, component, actor, message, details). */
  public static <F extends Fact> StreamRegistration<F> fact(Address<F> address) {
    return new StreamRegistration<>(address, fact -> FactView.event(fact).type(),
        fact -> EventJson.toJson(FactView.event(fact)), true);
  }

  /** Data that is only worth having live (e.g. statistics): no id, not replayed. */
  public static <T> StreamRegistration<T> ephemeral(Address<T> address, String eventName,
                                                    Function<? super T, JsonObject> encoder) {
    return new StreamRegistration<>(address, body -> eventName, encoder, false);
  }
}
