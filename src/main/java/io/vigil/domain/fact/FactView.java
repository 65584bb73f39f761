package io.vigil.domain.fact;

import io.vigil.domain.Event;

/** The one view of a fact: the form the audit log keeps and the live stream sends. */
public final class FactView {
  private FactView() {}

  public static Event event(Fact fact) {
    return new Event(fact.id(), fact.at(), fact.type(), fact.severity(), fact.component(), fact.actor(),
        fact.message(), fact.details());
  }
}
