package io.vigil.store.memory;

import io.vertx.core.Future;

import java.util.function.Supplier;

/** A memory store's answer as a future: what the body returns, or what it throws as a failure (a refusal). */
final class Calls {
  private Calls() {}

  static <T> Future<T> call(Supplier<T> body) {
    try {
      return Future.succeededFuture(body.get());
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
  }

  /** Thrown when a bounded table is full of rows that may not be evicted. */
  static IllegalStateException full(String what, int maxRows) {
    return new IllegalStateException("the memory store holds " + maxRows + " " + what
        + " that may not be evicted (store.memory_max_rows); refusing more");
  }
}
