package io.vigil.observe;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vertx.micrometer.backends.BackendRegistries;
import io.vigil.domain.Task;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Task counters and the run-duration histogram per queue and type: {@code vigil_tasks_submitted_total},
 * {@code _completed_total}, {@code _failed_total} (failed attempts), {@code _retried_total},
 * {@code _dead_lettered_total} and {@code vigil_task_run_duration_seconds} (one attempt, with fixed buckets: 13 per
 * queue and type, not Micrometer's 70). The hot path is cheap (issue 14): the meters of a (queue, type) are made once
 * and kept in a holder, so a task costs two map lookups on strings it already has and an increment — no tag lists,
 * no registry lookup. One per registry; a no-op when metrics are off.
 */
public final class TaskMeters {
  static final Duration[] BUCKETS = {Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25),
      Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1),
      Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(60)};
  private static final TaskMeters OFF = new TaskMeters(null);
  private static volatile TaskMeters current = OFF;

  private final MeterRegistry registry;
  private final Map<String, Map<String, Holder>> byQueue = new ConcurrentHashMap<>();

  private final class Holder {
    final Counter submitted;
    final Counter completed;
    final Counter failed;
    final Counter retried;
    final Counter deadLettered;
    final Timer duration;

    Holder(String queue, String type) {
      submitted = counter("vigil_tasks_submitted", "Tasks accepted (queued, delayed or run inline)", queue, type);
      completed = counter("vigil_tasks_completed", "Task attempts that succeeded", queue, type);
      failed = counter("vigil_tasks_failed", "Task attempts that failed (each retry counts)", queue, type);
      retried = counter("vigil_tasks_retried", "Failed attempts scheduled to run again", queue, type);
      deadLettered = counter("vigil_tasks_dead_lettered", "Tasks moved to the dead-letter queue", queue, type);
      duration = Timer.builder("vigil_task_run_duration").description("How long one attempt of a task ran")
          .tag("queue", queue).tag("type", type).serviceLevelObjectives(BUCKETS).register(registry);
    }

    private Counter counter(String name, String help, String queue, String type) {
      return Counter.builder(name).description(help).tag("queue", queue).tag("type", type).register(registry);
    }
  }

  private TaskMeters(MeterRegistry registry) {
    this.registry = registry;
  }

  /** The meters of the metrics registry in use (made on first use), or a no-op one without metrics. */
  public static TaskMeters get() {
    MeterRegistry registry = BackendRegistries.getDefaultNow();
    TaskMeters meters = current;
    if (meters.registry == registry) return meters;
    synchronized (TaskMeters.class) {
      if (current.registry != registry) current = registry == null ? OFF : new TaskMeters(registry);
      return current;
    }
  }

  private Holder holder(Task task) {
    Map<String, Holder> byType = byQueue.get(task.queue());
    Holder holder = byType == null ? null : byType.get(task.type());
    if (holder != null) return holder;
    return byQueue.computeIfAbsent(task.queue(), q -> new ConcurrentHashMap<>())
        .computeIfAbsent(task.type(), t -> new Holder(task.queue(), t));
  }

  public void submitted(Task task) {
    if (registry != null) holder(task).submitted.increment();
  }

  /** One attempt ended: succeeded or failed, after {@code nanos}. */
  public void attempted(Task task, boolean succeeded, long nanos) {
    if (registry == null) return;
    Holder holder = holder(task);
    (succeeded ? holder.completed : holder.failed).increment();
    holder.duration.record(nanos, TimeUnit.NANOSECONDS);
  }

  public void retried(Task task) {
    if (registry != null) holder(task).retried.increment();
  }

  public void deadLettered(Task task) {
    if (registry != null) holder(task).deadLettered.increment();
  }
}
