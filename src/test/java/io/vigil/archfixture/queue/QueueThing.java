package io.vigil.archfixture.queue;

import io.vigil.archfixture.domain.Value;

/** Fixture: a capability that only uses the shared domain (allowed). */
public final class QueueThing {
  public Value next(Value v) {
    return new Value(v.n() + 1);
  }
}
