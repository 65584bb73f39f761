package io.vigil.cluster;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.shareddata.AsyncMap;

import java.util.Optional;

/**
 * The lease in a Vert.x cluster-wide map ({@code vigil.cluster}, key {@code leader}); with Hazelcast an IMap entry
 * with a backup, read and compare-and-set by every node. Needs no CP subsystem: expiry is in the value, not a
 * map TTL (Vert.x's Hazelcast map cannot renew a TTL on compare-and-set).
 */
public final class SharedDataLeaseStore implements LeaseStore {
  static final String MAP = "vigil.cluster";
  static final String KEY = "leader";

  private final Vertx vertx;
  private Future<AsyncMap<String, String>> map;

  public SharedDataLeaseStore(Vertx vertx) {
    this.vertx = vertx;
  }

  @Override
  public Future<Optional<String>> read() {
    return map().compose(m -> m.get(KEY)).map(Optional::ofNullable);
  }

  @Override
  public Future<Boolean> create(String lease) {
    return map().compose(m -> m.putIfAbsent(KEY, lease)).map(previous -> previous == null);
  }

  @Override
  public Future<Boolean> replace(String expected, String lease) {
    return map().compose(m -> m.replaceIfPresent(KEY, expected, lease));
  }

  @Override
  public Future<Boolean> remove(String expected) {
    return map().compose(m -> m.removeIfPresent(KEY, expected));
  }

  private Future<AsyncMap<String, String>> map() {
    if (map == null || map.failed()) map = vertx.sharedData().getAsyncMap(MAP);
    return map;
  }
}
