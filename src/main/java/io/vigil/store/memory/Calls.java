package io.vigil.store.memory;

import io.vertx.core.Future;
import io.vigil.store.Ids;

import java.util.Map;
import java.util.Optional;
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

  /** The row stored under {@code id}; empty for an unknown id or one that is not a UUID. */
  static <T> Optional<T> byId(Map<String, T> rows, String id) {
    return Ids.isValid(id) ? Optional.ofNullable(rows.get(Ids.checked(id))) : Optional.empty();
  }

  /** Thrown when a bounded table is full of rows that may not be evicted. */
  static IllegalStateException full(String what, int maxRows) {
    return new IllegalStateException("the memory store holds " + maxRows + " " + what
        + " that may not be evicted (store.memory_max_rows); refusing more");
  }
}
