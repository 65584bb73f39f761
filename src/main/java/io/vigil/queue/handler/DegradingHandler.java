package io.vigil.queue.handler;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vigil.config.DegradeConfig;
import io.vigil.domain.Degraded;
import io.vigil.domain.Task;
import io.vigil.domain.TaskOutcome;
import io.vigil.domain.fact.Stamps;
import io.vigil.domain.fact.TaskDegraded;
import io.vigil.kit.Breaker;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Graceful degradation of one task type ({@code task_types.<name>.degrade}) around its own handler: while the
 * breaker of its target refuses calls, {@code fallback-handler} runs the attempt with the fallback handler, and
 * {@code cache} answers an inline ({@code sync_direct}) run from the last good result for the same key, kept from
 * every successful attempt (bounded, least recently stored first out, no older than {@code cache_ttl_ms}). Either
 * answer is a success marked {@link Degraded} and told as a {@link TaskDegraded} fact; with nothing to answer from,
 * the attempt fails fast as the handler would (retryable). {@code fail-fast} types are not wrapped at all.
 */
public final class DegradingHandler implements TaskHandler {
  private record Cached(String result, Instant at) {}

  private final TaskHandler primary;
  private final Breaker breaker;
  private final DegradeConfig config;
  private final TaskHandler fallback;
  private final Clock clock;
  private final Consumer<TaskDegraded> told;
  private final Stamps stamps;
  private final Map<String, Cached> cache;

  DegradingHandler(TaskHandler primary, Breaker breaker, DegradeConfig config, TaskHandler fallback, Clock clock,
                   Consumer<TaskDegraded> told) {
    this.primary = primary;
    this.breaker = breaker;
    this.config = config;
    this.fallback = fallback;
    this.clock = clock;
    this.told = told;
    this.stamps = new Stamps(clock);
    int size = config.cacheSize();
    this.cache = new LinkedHashMap<>(16, 0.75f, false) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, Cached> eldest) {
        return size() > size;
      }
    };
  }

  @Override
  public Future<TaskOutcome> handle(TaskContext context) {
    return run(context, false);
  }

  /** An attempt of a {@code sync_direct} submit: the only kind the cache answers. */
  public Future<TaskOutcome> handleInline(TaskContext context) {
    return run(context, true);
  }

  private Future<TaskOutcome> run(TaskContext context, boolean inline) {
    if (breaker.refusesCalls()) {
      Future<TaskOutcome> degraded = degrade(context, inline);
      if (degraded != null) return degraded;
    }
    return primary.handle(context).map(outcome -> {
      if (outcome instanceof TaskOutcome.Succeeded ok && config.strategy() == DegradeConfig.Strategy.CACHE) {
        remember(context.task(), ok.result());
      }
      return outcome;
    });
  }

  /** The degraded answer, or null when there is none (the call goes to the handler, which fails fast). */
  private Future<TaskOutcome> degrade(TaskContext context, boolean inline) {
    Task task = context.task();
    switch (config.strategy()) {
      case FALLBACK_HANDLER -> {
        Degraded how = new Degraded(config.strategy().wireName(), breaker.name(), null);
        return fallback.handle(context).map(outcome -> outcome instanceof TaskOutcome.Succeeded ok
            ? told(task, new TaskOutcome.Succeeded(ok.result(), how)) : outcome);
      }
      case CACHE -> {
        if (!inline) return null;
        Cached hit = lookup(task);
        if (hit == null) return null;
        Degraded how = new Degraded(config.strategy().wireName(), breaker.name(), hit.at());
        return Future.succeededFuture(told(task, new TaskOutcome.Succeeded(hit.result(), how)));
      }
      default -> {
        return null;
      }
    }
  }

  private TaskOutcome told(Task task, TaskOutcome.Succeeded answer) {
    told.accept(new TaskDegraded(stamps.next(), task.queue(), task.type(), task.id(), answer.degraded()));
    return answer;
  }

  private synchronized void remember(Task task, String result) {
    String key = keyOf(task);
    if (key != null) {
      cache.remove(key); // re-inserted last: the eldest entry is the least recently stored
      cache.put(key, new Cached(result, clock.instant()));
    }
  }

  private synchronized Cached lookup(Task task) {
    String key = keyOf(task);
    Cached hit = key == null ? null : cache.get(key);
    if (hit == null || hit.at().plus(config.cacheTtl()).isBefore(clock.instant())) return null;
    return hit;
  }

  /** The payload field {@code key} (null when the task has none), else the whole payload. */
  private String keyOf(Task task) {
    if (config.key().isEmpty()) return task.payload() == null ? "" : task.payload();
    try {
      Object value = task.payload() == null ? null : new JsonObject(task.payload()).getValue(config.key());
      return value == null ? null : String.valueOf(value);
    } catch (RuntimeException notAnObject) {
      return null;
    }
  }
}
