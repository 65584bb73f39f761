package io.vigil.queue;

import ch.qos.logback.classic.Level;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import io.vigil.bus.Addresses;
import io.vigil.config.ConfigLoader;
import io.vigil.config.VigilConfig;
import io.vigil.domain.Task;
import io.vigil.domain.TaskIds;
import io.vigil.domain.TaskStatus;
import io.vigil.queue.handler.HandlerRegistry;
import io.vigil.queue.memory.MemoryQueueBackend;
import io.vigil.testing.CapturedLog;
import io.vigil.testing.Eventually;
import io.vigil.testing.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static io.vigil.testing.Await.result;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A runner keeps a running task's lease alive, and what it learns about the lease is what settling goes by. The
 * lease is 300 ms of the test's clock; the runner looks at it every 100 ms of real time, and the test moves the clock.
 */
@DisplayName("Lease extensions while a handler runs")
class LeaseKeepingTest {
  static final String YAML = """
      queues:
        default: {lease_ms: 300, concurrency: 1}
      task_types:
        slow: {handler: eventbus, timeout_ms: 600000, max_attempts: 3}
      """;

  Vertx vertx;
  Context context;
  MutableClock clock;
  FlakyBackend backend;
  QueueRunner runner;
  Settler settler;
  final List<Task> settled = new CopyOnWriteArrayList<>();
  final List<Message<JsonObject>> handling = new CopyOnWriteArrayList<>();
  CapturedLog log;

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
    context = vertx.getOrCreateContext();
    clock = MutableClock.startingAt("2026-01-01T00:00:00Z");
    VigilConfig config = ConfigLoader.fromYaml(YAML, "test", Map.of(), HandlerRegistry.availableNames());
    backend = new FlakyBackend(new MemoryQueueBackend(clock, QueueBackends.settings(config)));
    vertx.eventBus().<JsonObject>consumer(Addresses.worker("slow"), handling::add); // answered when the test says
    HandlerRegistry handlers = HandlerRegistry.create(vertx, config.taskTypes().values());
    BackendHealth health = new BackendHealth(vertx, backend, Duration.ofMillis(100), Duration.ofSeconds(1),
        e -> { }, () -> { });
    settler = new Settler(context, backend, clock, () -> 0.5, 10, batch -> settled.addAll(batch.finished()));
    runner = new QueueRunner(context, config.queues().get("default"), config, backend,
        new TaskExecutor(vertx, config, handlers), settler, clock, health);
    log = CapturedLog.capture();
  }

  @AfterEach
  void stop() {
    log.close();
    context.runOnContext(v -> runner.stop());
    result(vertx.close());
  }

  Task submitAndStart() {
    Task task = Task.create(new TaskIds(clock).next(), "default", "slow", "{}", 5, null, 3, null, clock.instant());
    result(backend.enqueue(List.of(new NewTask(task, null))));
    context.runOnContext(v -> runner.setConsuming(true));
    Eventually.until("the handler to get the task", () -> handling.size() == 1);
    return task;
  }

  @Test
  void settlingRetriesGoByTheExtendedLeaseNotTheOneFromTheClaim() {
    Task task = submitAndStart();
    clock.advanceMillis(150); // the lease (claimed until +300) is due for extension: to +450 or later
    Eventually.until("the lease to be extended", () -> backend.extensionsAsked.get() > 0);
    clock.advanceMillis(250); // +400: past the claim's deadline, within the extended one
    backend.acksToFail.set(1);

    handling.get(0).reply(new JsonObject().put("ok", true));

    Eventually.until("the completion to be recorded after the failed ack", () -> !settled.isEmpty());
    assertThat(backend.acksAsked.get()).as("the failed ack was sent again").isEqualTo(2);
    assertThat(result(backend.get(task.id())).orElseThrow().status()).isEqualTo(TaskStatus.COMPLETED);
    assertThat(handling).as("run once").hasSize(1);
  }

  @Test
  void aFailedExtensionIsLoggedOnceAndEveryOneIsCounted() {
    submitAndStart();
    backend.failExtensions = true;
    clock.advanceMillis(150);

    Eventually.until("several extensions to fail", () -> backend.extensionsFailed.get() >= 3);

    List<String> warnings = log.atLeast(Level.WARN).stream().map(e -> e.getFormattedMessage())
        .filter(m -> m.contains("lease")).toList();
    assertThat(warnings).as(CapturedLog.describe(log.events())).hasSize(1);
    assertThat(warnings.get(0)).contains("extend").contains("vigil_queue_lease_extension_failures");
    Eventually.until("every failure counted", () -> runner.leaseExtensionFailures() == backend.extensionsFailed.get());
    assertThat(log.withStackTraces()).isEmpty();
  }
}
