package io.vigil.cluster;

import io.vertx.core.Future;

import java.util.Optional;

/**
 * Whether this node leads. Leader-only work (probes, alarm evaluation, recovery, schedules) runs on exactly one node;
 * the app deploys it when this node gains the lead and undeploys it when it loses it. Driven by the
 * {@link ClusterVerticle} on its event loop, one check at a time; not thread-safe.
 */
public interface Leadership {

  /** A change of this node's role. {@code leader} is who leads now as far as this node knows (null: nobody). */
  record Change(boolean leads, Lease leader, String previous, String reason) {}

  /** Checks, and renews or takes the lease; completes with the change of this node's role, if there was one. */
  Future<Optional<Change>> check();

  boolean leads();

  /** The leader this node knows of, and since when it leads. */
  Optional<Lease> leader();

  /** Gives the lead up (the node is stopping), so that a peer takes over at its next check, not after the lease. */
  Future<Optional<Change>> resign();
}
