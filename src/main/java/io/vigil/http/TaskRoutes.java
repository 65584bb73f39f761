package io.vigil.http;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vigil.bus.Address;
import io.vigil.bus.Addresses;
import io.vigil.bus.Failure;
import io.vigil.bus.FailureException;
import io.vigil.bus.FieldError;
import io.vigil.config.HttpConfig;
import io.vigil.domain.Role;
import io.vigil.domain.TaskStatus;

import java.util.Arrays;
import java.util.List;

/** {@code /api/tasks}: submit (one or a batch), read, list, cancel. */
final class TaskRoutes {
  static final String IDEMPOTENCY_KEY = "Idempotency-Key";
  private static final List<String> STATUSES = Arrays.stream(TaskStatus.values()).map(TaskStatus::wireName).toList();

  private final BusClient bus;
  private final HttpConfig config;

  TaskRoutes(BusClient bus, HttpConfig config) {
    this.bus = bus;
    this.config = config;
  }

  void mount(Router router) {
    router.post("/api/tasks/batch").handler(Auth.require(Role.PRODUCER)).handler(this::submitBatch);
    router.post("/api/tasks").handler(Auth.require(Role.PRODUCER)).handler(this::submit);
    router.get("/api/tasks").handler(Auth.require(Role.VIEWER)).handler(this::list);
    router.get("/api/tasks/:id").handler(Auth.require(Role.VIEWER)).handler(this::get);
    router.delete("/api/tasks/:id").handler(Auth.require(Role.OPERATOR)).handler(this::cancel);
  }

  private void submit(RoutingContext ctx) {
    JsonObject task = JsonBodies.required(ctx);
    String header = ctx.request().getHeader(IDEMPOTENCY_KEY);
    if (header != null) {
      Object field = task.getValue("idempotency_key");
      if (field != null && !header.equals(field)) {
        throw Failure.invalid(List.of(new FieldError("idempotency_key",
            "differs from the Idempotency-Key header; send one or make them equal"))).asException();
      }
      task.put("idempotency_key", header);
    }
    bus.request(ctx, Addresses.TASKS_SUBMIT, task).onComplete(done -> {
      if (done.failed()) {
        ctx.fail(done.cause());
        return;
      }
      JsonObject reply = done.result();
      JsonObject submitted = reply.getJsonObject("task");
      boolean replayed = reply.getBoolean("replayed", false);
      if (replayed) ctx.response().putHeader("Idempotent-Replayed", "true");
      int status = replayed ? 200 : reply.getBoolean("inline", false) ? 201 : 202;
      ctx.response().setStatusCode(status).putHeader("Location", "/api/tasks/" + submitted.getString("id"));
      // answered by a fallback or a cache: its breaker is open (the task itself carries the mark)
      JsonObject degraded = reply.getJsonObject("degraded");
      if (degraded != null) {
        ctx.response().putHeader("Vigil-Degraded", degraded.getString("strategy") + "; breaker=" + degraded.getString("breaker"));
      }
      ctx.json(submitted);
    });
  }

  private void submitBatch(RoutingContext ctx) {
    Object body = JsonBodies.requiredValue(ctx);
    JsonObject batch = body instanceof JsonArray array ? new JsonObject().put("tasks", array) : (JsonObject) body;
    bus.request(ctx, Addresses.TASKS_SUBMIT_BATCH, batch).onComplete(done -> {
      if (done.failed()) {
        ctx.fail(done.cause());
        return;
      }
      JsonArray items = done.result().getJsonArray("tasks");
      long replayed = items.stream().map(JsonObject.class::cast).filter(i -> i.getBoolean("replayed", false)).count();
      long failed = items.stream().map(JsonObject.class::cast).filter(i -> i.containsKey("error")).count();
      boolean inline = items.stream().map(JsonObject.class::cast).anyMatch(i -> i.getBoolean("inline", false));
      ctx.response().setStatusCode(inline ? 201 : 202);
      ctx.json(new JsonObject().put("tasks", items).put("accepted", items.size() - replayed - failed)
          .put("replayed", replayed).put("failed", failed));
    });
  }

  private void get(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    JsonObject query = new JsonObject().put("id", id);
    bus.request(ctx, Addresses.TASKS_GET, query)
        .recover(error -> isNotFound(error) ? bus.request(ctx, Addresses.STORE_TASK_GET, query)
            .recover(fromStore -> io.vertx.core.Future.failedFuture(
                isNoStore(fromStore) ? error : fromStore)) : io.vertx.core.Future.failedFuture(error))
        .onSuccess(ctx::json)
        .onFailure(ctx::fail);
  }

  private void list(RoutingContext ctx) {
    Params params = new Params(ctx);
    String queue = params.text("queue");
    String status = params.oneOf("status", STATUSES);
    int limit = params.integer("limit", 100, 1, config.listMax());
    String source = params.oneOf("source", List.of("queue", "history"));
    boolean degraded = "true".equals(params.oneOf("degraded", List.of("true", "false")));
    params.check();
    JsonObject query = new JsonObject().put("queue", queue).put("status", status).put("limit", limit);
    if (degraded) query.put("degraded", true);
    Address<JsonObject> address = "history".equals(source) ? Addresses.STORE_TASKS_LIST : Addresses.TASKS_LIST;
    bus.request(ctx, address, query).onSuccess(ctx::json).onFailure(ctx::fail);
  }

  private void cancel(RoutingContext ctx) {
    JsonObject command = new JsonObject().put("id", ctx.pathParam("id")).put("actor", Auth.actor(ctx))
        .put("reason", ctx.request().getParam("reason"));
    bus.request(ctx, Addresses.TASKS_CANCEL, command).onSuccess(task -> {
      // a running task is being stopped where it runs: 202, it ends cancelled once its handler stops
      if (task.getBoolean("cancelling", false)) ctx.response().setStatusCode(202);
      ctx.json(task);
    }).onFailure(ctx::fail);
  }

  private static boolean isNotFound(Throwable error) {
    return error instanceof FailureException fe && fe.failure().status() == 404;
  }

  /** No store answers (none deployed): the queue's own 404 stands. */
  private static boolean isNoStore(Throwable error) {
    return error instanceof FailureException fe && fe.failure().code().equals(Failure.Codes.COMPONENT_UNAVAILABLE);
  }
}
