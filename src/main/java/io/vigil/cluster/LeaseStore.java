package io.vigil.cluster;

import io.vertx.core.Future;

import java.util.Optional;

/** Where the one leadership lease lives, with compare-and-set on its stored text. */
public interface LeaseStore {
  Future<Optional<String>> read();

  /** Stores {@code lease} when there is none; false when another was there first. */
  Future<Boolean> create(String lease);

  /** Replaces {@code expected} with {@code lease}; false when the stored text is no longer {@code expected}. */
  Future<Boolean> replace(String expected, String lease);

  /** Removes the lease if it is still {@code expected}. */
  Future<Boolean> remove(String expected);
}
