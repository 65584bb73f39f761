package io.vigil.queue.handler;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vigil.bus.ClusterView;
import io.vigil.config.TaskTypeConfig;
import io.vigil.domain.Priority;
import io.vigil.domain.RetryPolicy;
import io.vigil.domain.Task;
import io.vigil.domain.TaskOutcome;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The eventbus handler on a bus where several nodes serve a task type and one of them leaves mid-attempt. */
class EventBusHandlerTest {
  private Vertx vertx;
  private ClusterView view;
  private final List<JsonObject> cancels = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
    view = new ClusterView();
    ClusterView.install(vertx, view, "here");
    vertx.eventBus().consumer("vigil.worker.render", message -> { /* works on, as on a node that was killed */ });
    vertx.eventBus().<JsonObject>consumer("vigil.worker.render.cancel", message -> cancels.add(message.body()));
  }

  @AfterEach
  void stop() {
    vertx.close().await();
  }

  @Test
  void anAttemptFailsRetryablyAtOnceWhenAWorkersNodeThatMayHaveItLeavesAndTheOthersAreToldToStopIt()
      throws Exception {
    view.served("vigil.worker.render", List.of("n1", "n2"));
    TaskHandler handler = new EventBusHandlerFactory().create(vertx, new TaskTypeConfig("render", "default",
        "eventbus", null, Duration.ofMinutes(1), 3, new RetryPolicy(Duration.ofSeconds(1), 2.0, Duration.ofSeconds(10), io.vigil.domain.Jitter.NONE)));
    Task task = Task.create("0194-id", "default", "render", "{}", Priority.NORMAL, null, 3, null, Instant.now());

    Future<TaskOutcome> outcome = handler.handle(new TaskContext(task, 1, Duration.ofMinutes(1), "req-1"));
    view.departed("n1");

    TaskOutcome done = outcome.toCompletionStage().toCompletableFuture().get(2, TimeUnit.SECONDS);
    assertThat(done).isEqualTo(TaskOutcome.retryable(
        "node n1, which may have been answering vigil.worker.render, left the cluster"));
    Thread.sleep(50); // the cancel is published on the bus
    assertThat(cancels).singleElement().satisfies(c -> {
      assertThat(c.getString("id")).isEqualTo("0194-id");
      assertThat(c.getInteger("attempt")).isEqualTo(1);
      assertThat(c.getString("reason")).endsWith("the task is retried");
    });
  }
}
