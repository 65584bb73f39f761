package io.vigil.store;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vigil.bus.EventJson;
import io.vigil.bus.Failure;
import io.vigil.bus.FieldError;
import io.vigil.bus.TaskJson;
import io.vigil.domain.Millis;
import io.vigil.domain.TaskStatus;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * Answers the store's bus queries: a task from history, a history listing, a page of the audit log, and health.
 * While the writer knows the store is down, reads fail at once with 503 {@code store-unavailable} and a
 * Retry-After, rather than waiting for a connection that will not come.
 */
final class StoreReads {
  private static final List<String> STATUSES = Arrays.stream(TaskStatus.values()).map(TaskStatus::wireName).toList();

  private final Stores store;
  private final HistoryWriter writer;
  private final int maxLimit;

  StoreReads(Stores store, HistoryWriter writer, int maxLimit) {
    this.store = store;
    this.writer = writer;
    this.maxLimit = maxLimit;
  }

  Future<JsonObject> task(JsonObject q) {
    String id = q.getValue("id") instanceof String text ? text : "";
    return available().compose(v -> store.history().findTask(id))
        .compose(found -> found.map(t -> Future.succeededFuture(TaskJson.toJson(t)))
            .orElseGet(() -> Future.failedFuture(Failure.notFound("task " + id).asException())))
        .recover(this::outage);
  }

  Future<JsonObject> tasks(JsonObject q) {
    List<FieldError> errors = new java.util.ArrayList<>();
    String status = q.getValue("status") instanceof String s ? s : null;
    if (q.getValue("status") != null && !STATUSES.contains(status)) {
      errors.add(new FieldError("status", "'" + q.getValue("status") + "' is not one of " + STATUSES));
    }
    int limit = 100;
    Object rawLimit = q.getValue("limit");
    if (rawLimit != null) {
      if (rawLimit instanceof Number n && n.longValue() >= 1 && n.longValue() <= maxLimit) limit = n.intValue();
      else errors.add(new FieldError("limit", "must be a whole number from 1 to " + maxLimit));
    }
    Object degraded = q.getValue("degraded");
    if (degraded != null && !(degraded instanceof Boolean)) {
      errors.add(new FieldError("degraded", "must be true or false"));
    }
    if (!errors.isEmpty()) return Future.failedFuture(Failure.invalid(errors).asException());
    TaskHistoryQuery query = new TaskHistoryQuery(q.getValue("queue") instanceof String queue ? queue : null,
        status == null ? null : TaskStatus.fromWire(status), limit, Boolean.TRUE.equals(degraded));
    return available().compose(v -> store.history().findTasks(query))
        .map(found -> new JsonObject().put("tasks", new JsonArray(found.stream().map(TaskJson::toJson).toList())))
        .recover(this::outage);
  }

  Future<JsonObject> events(JsonObject q) {
    EventQuery query = EventQueryParser.parse(q, maxLimit);
    return available().compose(v -> store.audit().findEvents(query))
        .map(page -> new JsonObject()
            .put("events", new JsonArray(page.events().stream().map(EventJson::toJson).toList()))
            .put("next_cursor", page.nextCursor()))
        .recover(this::outage);
  }

  JsonObject health(Instant now) {
    JsonObject health = new JsonObject()
        .put("backend", store.name())
        .put("up", writer.isUp())
        .put("buffered", writer.buffered())
        .put("backpressure", writer.backpressure())
        .put("oldest_buffered_ms", writer.oldestWait().toMillis())
        .put("written", writer.written())
        .put("refused", writer.refused())
        .put("rejected", writer.rejected());
    if (writer.downSince() != null) {
      health.put("down_since", Millis.format(writer.downSince()))
          .put("down_for_ms", Duration.between(writer.downSince(), now).toMillis());
    }
    if (!writer.isUp() && writer.lastError() != null) health.put("error", writer.lastError());
    if (store.backend() instanceof io.vigil.store.memory.MemoryBackend memory) health.put("evicted", memory.evicted());
    return health;
  }

  private Future<Void> available() {
    return writer.isUp() ? Future.succeededFuture() : Future.failedFuture(unavailable());
  }

  private <T> Future<T> outage(Throwable error) {
    return Future.failedFuture(StoreUnavailableException.is(error) ? unavailable() : error);
  }

  private Throwable unavailable() {
    int retryAfter = (int) Math.max(1, (writer.retryAfter().toMillis() + 999) / 1000);
    return Failure.unavailable(Failure.Codes.STORE_UNAVAILABLE,
        "the " + store.name() + " store is unavailable; history and audit reads work again once it is back",
        retryAfter).asException();
  }
}
