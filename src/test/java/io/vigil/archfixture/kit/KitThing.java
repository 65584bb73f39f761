package io.vigil.archfixture.kit;

import io.vigil.archfixture.queue.QueueThing;

/** Fixture: a kit class that depends on a capability (forbidden). */
public final class KitThing {
  public String describe(QueueThing queue) {
    return queue.toString();
  }
}
