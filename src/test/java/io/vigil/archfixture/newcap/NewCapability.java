package io.vigil.archfixture.newcap;

import io.vigil.archfixture.queue.QueueThing;

/** Fixture: a capability added later, named in no list, that reaches into another capability (forbidden). */
public final class NewCapability {
  private final QueueThing queue = new QueueThing();

  public QueueThing queue() {
    return queue;
  }
}
