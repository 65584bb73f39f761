package io.vigil.cluster;

import io.vertx.core.Future;
import io.vertx.core.Promise;

import java.util.Objects;
import java.util.Optional;

/** A lease store in memory whose answers a test can hold back (a store that does not answer) or fail. */
final class MemoryLeaseStore implements LeaseStore {
  enum Mode { ANSWERS, SILENT, FAILS }

  private String lease;
  private Mode mode = Mode.ANSWERS;

  void mode(Mode mode) {
    this.mode = mode;
  }

  String stored() {
    return lease;
  }

  void store(String text) {
    lease = text;
  }

  @Override
  public Future<Optional<String>> read() {
    return answer(Optional.ofNullable(lease));
  }

  @Override
  public Future<Boolean> create(String text) {
    if (mode != Mode.ANSWERS) return answer(false);
    if (lease != null) return answer(false);
    lease = text;
    return answer(true);
  }

  @Override
  public Future<Boolean> replace(String expected, String text) {
    if (mode != Mode.ANSWERS || !Objects.equals(lease, expected)) return answer(false);
    lease = text;
    return answer(true);
  }

  @Override
  public Future<Boolean> remove(String expected) {
    if (mode != Mode.ANSWERS || !Objects.equals(lease, expected)) return answer(false);
    lease = null;
    return answer(true);
  }

  private <T> Future<T> answer(T value) {
    return switch (mode) {
      case ANSWERS -> Future.succeededFuture(value);
      case SILENT -> Promise.<T>promise().future();
      case FAILS -> Future.failedFuture(new IllegalStateException("the store is down"));
    };
  }
}
