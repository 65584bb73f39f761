package io.vigil.probe;

import io.vertx.core.Future;

/**
 * Checks one component once. Implementations answer a {@link Reading} — an outcome value, never an exception: a
 * target that does not answer or answers wrongly is {@code failed}, a probe that cannot run at all (a missing path,
 * a bad URL at run time, its own error) is {@code unknown} with the reason. The runner ({@link ComponentProbe}) times
 * every check, enforces the probe's timeout, and turns a failed future (a bug) into {@code unknown} too, so a
 * misbehaving probe never takes its component down with it. Nothing here may block the event loop: blocking reads
 * (files, /proc, a blocking client) go through {@code vertx.executeBlocking}.
 */
public interface Probe {
  Future<Reading> check();

  /** Releases the probe's connections; called when its component is removed or changed, and on stop. */
  default Future<Void> close() {
    return Future.succeededFuture();
  }
}
