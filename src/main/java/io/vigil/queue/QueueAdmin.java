package io.vigil.queue;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vigil.config.QueueConfig;
import io.vigil.bus.Failure;
import io.vigil.config.QueueSlice;
import io.vigil.domain.QueueStats;
import io.vigil.domain.Task;

import java.util.List;
import java.util.function.Supplier;

/** Operator actions on queues (pause, resume, dead letters) and their statistics; every action is published. */
final class QueueAdmin {
  private final Supplier<QueueSlice> config;
  private final QueueBackend backend;
  private final QueueFacts facts;

  QueueAdmin(Supplier<QueueSlice> config, QueueBackend backend, QueueFacts facts) {
    this.config = config;
    this.backend = backend;
    this.facts = facts;
  }

  Future<List<QueueStats>> statsOfAll() {
    List<Future<QueueStats>> each = config.get().queues().keySet().stream().sorted().map(backend::stats).toList();
    return Future.all(each).map(all -> all.<QueueStats>list());
  }

  Future<QueueStats> stats(String queue) {
    return known(queue).compose(backend::stats);
  }

  /** The queue's fair-queue limits and its groups with the most queued tasks. */
  Future<JsonObject> groups(String queue, int limit) {
    return known(queue).compose(q -> backend.groupStats(q, limit)).map(groups -> {
      QueueConfig cfg = config.get().queues().get(queue);
      return new JsonObject().put("queue", queue)
          .put("group_rate_limit_per_second", cfg.groupRateLimitPerSecond())
          .put("group_concurrency", cfg.groupConcurrency())
          .put("groups", new JsonArray(groups.stream().map(g -> new JsonObject()
              .put("group", g.group()).put("waiting", g.waiting())).toList()));
    });
  }

  Future<Boolean> pause(String queue, String actor, String reason) {
    return known(queue).compose(backend::pause).onSuccess(changed -> {
      if (changed) facts.queueStateChanged(queue, true, actor, reason);
    });
  }

  Future<Boolean> resume(String queue, String actor, String reason) {
    return known(queue).compose(backend::resume).onSuccess(changed -> {
      if (changed) facts.queueStateChanged(queue, false, actor, reason);
    });
  }

  Future<List<Task>> deadLetters(String queue, int limit) {
    return known(queue).compose(q -> backend.deadLetters(q, limit));
  }

  Future<List<Task>> replay(String queue, List<String> ids, String actor, String reason) {
    return known(queue).compose(q -> backend.replay(q, ids)).onSuccess(replayed -> {
      if (!replayed.isEmpty()) facts.replayed(queue, replayed.stream().map(Task::id).toList(), actor, reason);
    });
  }

  Future<Integer> purge(String queue, String actor, String reason) {
    return known(queue).compose(backend::purgeDeadLetters).onSuccess(purged -> {
      if (purged > 0) facts.purged(queue, purged, actor, reason);
    });
  }

  private Future<String> known(String queue) {
    if (queue != null && config.get().queues().containsKey(queue)) return Future.succeededFuture(queue);
    return Future.failedFuture(Failure.notFound("queue '" + queue + "'").asException());
  }
}
