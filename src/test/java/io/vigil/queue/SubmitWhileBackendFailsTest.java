package io.vigil.queue;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vigil.bus.BusCodecs;
import io.vigil.bus.EventFactory;
import io.vigil.bus.FailureException;
import io.vigil.config.ConfigLoader;
import io.vigil.config.VigilConfig;
import io.vigil.domain.BackendFallback;
import io.vigil.domain.ModeState;
import io.vigil.domain.SystemMode;
import io.vigil.domain.TaskStatus;
import io.vigil.queue.handler.HandlerRegistry;
import io.vigil.queue.memory.MemoryQueueBackend;
import io.vigil.testing.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static io.vigil.testing.Await.failure;
import static io.vigil.testing.Await.result;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The submission whose enqueue fails because the backend cannot be reached is the first one the fallback serves: with
 * {@code fallback: sync_direct} it runs inline (201) and sets off the backend check that switches the mode, so
 * nothing a client submits during the switch fails. With {@code reject}, or in a mode that does not run work, it is a
 * 503 as before.
 */
@DisplayName("A submission that finds the backend gone")
class SubmitWhileBackendFailsTest {
  Vertx vertx;
  MutableClock clock = MutableClock.startingAt("2026-01-01T00:00:00Z");
  FlakyBackend backend;
  final List<Throwable> reportedToHealth = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
    BusCodecs.register(vertx.eventBus());
  }

  @AfterEach
  void stop() {
    result(vertx.close());
  }

  TaskService service(SystemMode configured, BackendFallback fallback) {
    VigilConfig config = ConfigLoader.fromYaml("", "test", Map.of(), HandlerRegistry.availableNames());
    backend = new FlakyBackend(new MemoryQueueBackend(clock, QueueBackends.settings(config)));
    backend.failEnqueues = true;
    TaskExecutor executor = new TaskExecutor(vertx, config, HandlerRegistry.create(vertx, config.taskTypes().values()));
    InlineRunner inline = new InlineRunner(executor, new QueueFacts(vertx.eventBus(), new EventFactory(clock)), clock,
        Duration.ofMinutes(5));
    ModeState mode = new ModeState(configured, false, fallback);
    return new TaskService(config, backend, clock, inline, () -> mode, queue -> { }, reportedToHealth::add);
  }

  @Test
  void runsInlineWhenTheFallbackIsSyncDirectAndSetsOffTheBackendCheck() {
    TaskService tasks = service(SystemMode.ASYNC_QUEUE, BackendFallback.SYNC_DIRECT);

    Submitted submitted = result(tasks.submit(new JsonObject().put("type", "noop"), "r-1"));

    assertThat(submitted.inline()).isTrue();
    assertThat(submitted.task().status()).isEqualTo(TaskStatus.COMPLETED);
    assertThat(reportedToHealth).hasSize(1);
  }

  @Test
  void aBatchRunsEachTaskInline() {
    TaskService tasks = service(SystemMode.ASYNC_QUEUE, BackendFallback.SYNC_DIRECT);
    JsonArray items = new JsonArray().add(new JsonObject().put("type", "noop")).add(new JsonObject().put("type", "noop"));

    JsonArray answer = result(tasks.submitBatch(new JsonObject().put("tasks", items), "r-2"));

    assertThat(answer).hasSize(2);
    for (Object item : answer) {
      assertThat(((JsonObject) item).getBoolean("inline")).isTrue();
      assertThat(((JsonObject) item).getJsonObject("task").getString("status")).isEqualTo("completed");
    }
  }

  @Test
  void isRefusedWith503WhenTheFallbackIsReject() {
    TaskService tasks = service(SystemMode.ASYNC_QUEUE, BackendFallback.REJECT);

    Throwable refused = failure(tasks.submit(new JsonObject().put("type", "noop"), "r-3"));

    assertThat(((FailureException) refused).failure().status()).isEqualTo(503);
    assertThat(((FailureException) refused).failure().code()).isEqualTo("backend-unavailable");
    assertThat(reportedToHealth).hasSize(1);
  }

  @Test
  void isRefusedWith503WhileTheQueuesArePausedBecausePausedMeansNothingRuns() {
    TaskService tasks = service(SystemMode.PAUSED, BackendFallback.SYNC_DIRECT);

    Throwable refused = failure(tasks.submit(new JsonObject().put("type", "noop"), "r-4"));

    assertThat(((FailureException) refused).failure().status()).isEqualTo(503);
  }
}
