package io.vigil.queue;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vigil.bus.Addresses;
import io.vigil.bus.BusCodecs;
import io.vigil.bus.Commands;
import io.vigil.config.ConfigLoader;
import io.vigil.config.QueueSlice;
import io.vigil.queue.handler.HandlerRegistry;
import io.vigil.testing.Eventually;
import io.vigil.testing.TargetServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static io.vigil.testing.Await.result;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A node's queue engine that starts while the leader has a component failed over (the node joined the cluster, or
 * restarted, after the switch) asks the leader ({@code vigil.recovery.failovers}, answered here by a stand-in) and
 * calls the secondary from its first task, without waiting for the next leader change.
 */
class FailoverAtStartTest {
  private final Vertx vertx = Vertx.vertx();
  private final TargetServer primary = TargetServer.start().answer(200, "{}");
  private final TargetServer secondary = TargetServer.start().answer(200, "{}");

  @AfterEach
  void stop() {
    result(vertx.close());
    primary.close();
    secondary.close();
  }

  @Test
  void anEngineStartedWhileAFailoverIsInForceSendsItsFirstTaskToTheSecondary() {
    BusCodecs.register(vertx.eventBus());
    AtomicInteger asked = new AtomicInteger();
    Commands.bind(vertx.eventBus(), Addresses.RECOVERY_FAILOVERS, (q, m) -> {
      asked.incrementAndGet();
      return Future.succeededFuture(new JsonObject().put("failovers", new JsonArray().add(new JsonObject()
          .put("component", "payments").put("target", secondary.url("/charge")).put("probe", true)
          .put("task_types", new JsonArray().add("charge")))));
    });
    var config = ConfigLoader.fromYaml("""
        task_types:
          charge: {handler: http, target: "%s", max_attempts: 1, timeout_ms: 5000}
        """.formatted(primary.url("/charge")), "test", Map.of(), HandlerRegistry.availableNames());
    result(vertx.deployVerticle(new QueueVerticle(QueueSlice.of(config), Clock.systemUTC())));
    Eventually.until("the engine asked the leader", 5_000, () -> asked.get() == 1);

    result(Commands.request(vertx.eventBus(), Addresses.TASKS_SUBMIT,
        new JsonObject().put("type", "charge").put("payload", new JsonObject()), new io.vertx.core.eventbus.DeliveryOptions()));

    Eventually.until("the task reached the secondary", 10_000, () -> secondary.hits() == 1);
    assertThat(primary.hits()).as("the primary, failed over before this engine started").isZero();
  }
}
