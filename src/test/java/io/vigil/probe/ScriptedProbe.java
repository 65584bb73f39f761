package io.vigil.probe;

import io.vertx.core.Future;
import io.vertx.core.Promise;

import java.util.ArrayDeque;
import java.util.Deque;

/** A probe whose answers the test gives: queued readings answer at once; with none queued a check waits for {@link #answer}. */
final class ScriptedProbe implements Probe {
  private final Deque<Reading> queued = new ArrayDeque<>();
  private Promise<Reading> waiting;
  int checks;
  boolean closed;
  RuntimeException throwing;

  ScriptedProbe then(Reading reading) {
    queued.add(reading);
    return this;
  }

  ScriptedProbe always(Reading reading, int times) {
    for (int i = 0; i < times; i++) queued.add(reading);
    return this;
  }

  /** Answers the check that is waiting. */
  void answer(Reading reading) {
    Promise<Reading> promise = waiting;
    waiting = null;
    promise.complete(reading);
  }

  boolean waiting() {
    return waiting != null;
  }

  @Override
  public Future<Reading> check() {
    checks++;
    if (throwing != null) throw throwing;
    if (!queued.isEmpty()) return Future.succeededFuture(queued.poll());
    waiting = Promise.promise();
    return waiting.future();
  }

  @Override
  public Future<Void> close() {
    closed = true;
    return Future.succeededFuture();
  }
}
