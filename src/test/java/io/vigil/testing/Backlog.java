package io.vigil.testing;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** A real backlog on a running node: the queue is paused and noop tasks wait in it. */
public final class Backlog {
  private Backlog() {}

  /** Pauses {@code default} and submits {@code tasks} noop tasks to it; fails the test if the node refuses either. */
  public static void of(RunningVigil vigil, int tasks) {
    Response paused = vigil.post("/api/queues/default/pause", new JsonObject().put("reason", "a backlog for the test"));
    if (paused.status() != 200) throw new AssertionError("pause refused: " + paused);
    JsonArray batch = new JsonArray();
    for (int i = 0; i < tasks; i++) batch.add(new JsonObject().put("type", "noop"));
    Response submitted = vigil.post("/api/tasks/batch", new JsonObject().put("tasks", batch));
    if (submitted.status() >= 300) throw new AssertionError("tasks refused: " + submitted);
  }

  /** Lets the paused queue drain. */
  public static void drain(RunningVigil vigil) {
    Response resumed = vigil.post("/api/queues/default/resume", new JsonObject().put("reason", "drain the backlog"));
    if (resumed.status() != 200) throw new AssertionError("resume refused: " + resumed);
  }
}
