package io.vigil.testing;

import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import io.vigil.bus.Addresses;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An event-bus worker for {@code vigil.worker.<type>} whose behaviour each task's payload scripts:
 * {@code fail_attempts} (fail while attempt <= n) with {@code fail_code} (default 503), {@code hang_attempts}
 * (never answer while attempt <= n), and {@code result} (the reply on success). It records every attempt it saw.
 */
public final class ScriptedWorker implements AutoCloseable {
  private final MessageConsumer<JsonObject> consumer;
  private final Map<String, List<Integer>> attempts = new ConcurrentHashMap<>();
  private volatile boolean failEverything;

  private ScriptedWorker(Vertx vertx, String type) {
    consumer = vertx.eventBus().consumer(Addresses.worker(type).name(), message -> {
      JsonObject task = message.body();
      int attempt = task.getInteger("attempt");
      attempts.computeIfAbsent(task.getString("id"), id -> new CopyOnWriteArrayList<>()).add(attempt);
      JsonObject script = task.getJsonObject("payload", new JsonObject());
      if (attempt <= script.getInteger("hang_attempts", 0)) return;
      if (failEverything || attempt <= script.getInteger("fail_attempts", 0)) {
        message.fail(script.getInteger("fail_code", 503), "scripted failure on attempt " + attempt);
        return;
      }
      message.reply(script.getJsonObject("result", new JsonObject().put("ok", true)));
    });
  }

  public static ScriptedWorker register(Vertx vertx, String type) {
    ScriptedWorker worker = new ScriptedWorker(vertx, type);
    Await.result(worker.consumer.completion());
    return worker;
  }

  /** Every attempt number this worker saw for a task, in order. */
  public List<Integer> attemptsOf(String taskId) {
    return attempts.getOrDefault(taskId, List.of());
  }

  public void failEverything(boolean on) {
    failEverything = on;
  }

  @Override
  public void close() {
    Await.result(consumer.unregister());
  }
}
