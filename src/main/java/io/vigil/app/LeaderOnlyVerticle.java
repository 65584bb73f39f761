package io.vigil.app;

import io.vertx.core.Deployable;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.ThreadingModel;
import io.vertx.core.VerticleBase;
import io.vigil.bus.Addresses;
import io.vigil.bus.Facts;
import io.vigil.domain.fact.LeaderChanged;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Deploys the leader-only verticles (probes, alarm evaluation, recovery, schedules) while this node leads and
 * undeploys them when it stops leading. It follows only the leadership facts its own node publishes, in the order
 * published, so a peer's news can never start or stop work here. Its children are undeployed with it. The
 * verticles themselves know nothing of leadership.
 */
final class LeaderOnlyVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(LeaderOnlyVerticle.class);

  private final String node;
  private final List<Supplier<? extends Deployable>> verticles;
  private final List<String> deployed = new ArrayList<>();
  private boolean leads;
  private Future<Void> settling = Future.succeededFuture();

  LeaderOnlyVerticle(String node, List<Supplier<? extends Deployable>> verticles) {
    this.node = node;
    this.verticles = List.copyOf(verticles);
  }

  @Override
  public Future<?> start() {
    Facts.listen(vertx.eventBus(), Addresses.CLUSTER_LEADER_CHANGED, this::leaderChanged);
    return Future.succeededFuture();
  }

  private void leaderChanged(LeaderChanged fact) {
    Optional<Boolean> role = fact.roleOf(node);
    if (role.isEmpty()) return;
    leads = role.get();
    settling = settling.transform(v -> settle()
        .onFailure(e -> LOG.error("leader-only verticles could not be {}: {}", leads ? "deployed" : "undeployed",
            e.getMessage())));
  }

  /** One deployment change at a time; a quick lose-gain-lose ends in the state of the last fact. */
  private Future<Void> settle() {
    if (leads && deployed.isEmpty()) {
      Future<Void> chain = Future.succeededFuture();
      for (Supplier<? extends Deployable> verticle : verticles) {
        chain = chain.compose(v -> vertx.deployVerticle(verticle::get, new DeploymentOptions()
            .setThreadingModel(ThreadingModel.EVENT_LOOP)).onSuccess(deployed::add).mapEmpty());
      }
      return chain;
    }
    if (!leads && !deployed.isEmpty()) {
      List<String> ids = new ArrayList<>(deployed);
      deployed.clear();
      Future<Void> chain = Future.succeededFuture();
      for (int i = ids.size() - 1; i >= 0; i--) {
        String id = ids.get(i);
        chain = chain.transform(v -> vertx.undeploy(id));
      }
      return chain;
    }
    return Future.succeededFuture();
  }
}
