package io.vigil.queue;

import io.vigil.config.ConfigLoader;
import io.vigil.config.QueueSlice;
import io.vigil.config.VigilConfig;
import io.vigil.domain.Priority;
import io.vigil.domain.Task;
import io.vigil.domain.TaskIds;
import io.vigil.queue.handler.HandlerRegistry;
import io.vigil.testing.FakeTimers;
import io.vigil.testing.MutableClock;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.vigil.testing.Await.result;

/**
 * The queue engine's plain classes wired as QueueVerticle wires them, on a hand-moved clock and {@link FakeTimers},
 * over a {@link ScriptedBackend}, with {@link ScriptedHandler} behind every task type: nothing runs until the test
 * moves time or runs what is due.
 */
final class QueueFixture {
  static final String YAML = """
      queue: {claim_batch: 100, idle_poll_ms: 50, shutdown_grace_ms: 5000}
      queues:
        jobs: {concurrency: 4, lease_ms: 30000}
        limited: {concurrency: 10, rate_limit_per_second: 5}
      task_type_defaults:
        handler: scripted
        timeout_ms: 60000
        max_attempts: 3
        backoff: {base_ms: 1000, factor: 2.0, max_ms: 1000, jitter: none}
      task_types:
        work: {queue: jobs}
        paced: {queue: limited}
        quick: {queue: jobs, timeout_ms: 500}
      """;

  final MutableClock clock = MutableClock.startingAt("2026-01-01T00:00:00Z");
  final FakeTimers timers = new FakeTimers(clock);
  final VigilConfig config;
  final QueueSlice slice;
  final ScriptedBackend backend;
  final ScriptedHandler handler = new ScriptedHandler();
  final TaskExecutor executor;
  final List<SettledBatch> settled = new ArrayList<>();
  final List<Throwable> backendFailures = new ArrayList<>();
  final BackendHealth health;
  private final TaskIds ids = new TaskIds(clock);

  QueueFixture() {
    this(YAML);
  }

  QueueFixture(String yaml) {
    config = ConfigLoader.fromYaml(yaml, "test", Map.of(), Set.of("noop", "scripted"));
    slice = QueueSlice.of(config);
    backend = new ScriptedBackend(clock, QueueBackends.settings(slice));
    Map<String, io.vigil.queue.handler.TaskHandler> handlers = new java.util.LinkedHashMap<>();
    config.taskTypes().keySet().forEach(type -> handlers.put(type, handler));
    executor = new TaskExecutor(timers, () -> slice, HandlerRegistry.of(handlers));
    health = new BackendHealth(timers, clock, backend, config.system().backendCheck(), config.redis().reconnectMax(),
        backendFailures::add, () -> {});
  }

  Settler settler(int maxBatch) {
    return new Settler(timers, backend, clock, () -> 0.5, maxBatch, settled::add);
  }

  /** A runner whose settler's acks carry its claims, as QueueVerticle wires them. */
  QueueRunner runner(String queue, Settler settler) {
    QueueRunner runner = new QueueRunner(timers, config.queues().get(queue), () -> slice, backend, executor, settler,
        clock, health);
    settler.claimWith(runner.acks());
    return runner;
  }

  Task newTask(String type) {
    String queue = config.taskTypes().get(type).queue();
    return Task.create(ids.next(), queue, type, "{}", Priority.NORMAL, null, 3, null, clock.instant());
  }

  /** Puts {@code n} tasks of {@code type} in their queue; answers their ids. */
  List<String> enqueue(String type, int n) {
    List<NewTask> batch = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Task task = newTask(type);
      batch.add(new NewTask(task, "fp-" + task.id()));
    }
    result(backend.memory.enqueue(batch));
    return batch.stream().map(t -> t.task().id()).toList();
  }

  Task stored(String id) {
    return result(backend.memory.get(id)).orElseThrow();
  }

  /** Leases up to {@code n} waiting tasks of {@code queue} straight from the backend (for Settler tests). */
  List<ClaimedTask> claim(String queue, int n) {
    return result(backend.memory.claim(queue, n, config.queues().get(queue).lease()));
  }
}
