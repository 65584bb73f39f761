package io.vigil.cluster;

import io.vertx.core.Future;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/** A node on its own always leads, from its start on. */
public final class SoloLeadership implements Leadership {
  private final Lease lease;
  private boolean leads;

  public SoloLeadership(String node, Instant since) {
    this.lease = new Lease(node, since.truncatedTo(ChronoUnit.MILLIS), Instant.MAX);
  }

  @Override
  public Future<Optional<Change>> check() {
    if (leads) return Future.succeededFuture(Optional.empty());
    leads = true;
    return Future.succeededFuture(Optional.of(new Change(true, lease, null, "a single node leads itself")));
  }

  @Override
  public boolean leads() {
    return leads;
  }

  @Override
  public Optional<Lease> leader() {
    return leads ? Optional.of(lease) : Optional.empty();
  }

  @Override
  public Future<Optional<Change>> resign() {
    if (!leads) return Future.succeededFuture(Optional.empty());
    leads = false;
    return Future.succeededFuture(Optional.of(new Change(false, null, lease.node(), "the node stops")));
  }
}
