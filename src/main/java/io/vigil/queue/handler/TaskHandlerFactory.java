package io.vigil.queue.handler;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vigil.config.TaskTypeConfig;

/**
 * The Java SPI for custom handlers: list an implementation in
 * {@code META-INF/services/io.vigil.queue.handler.TaskHandlerFactory} and name it as a task type's
 * {@code handler}. One factory instance serves one QueueVerticle; {@link #create} is called once per task type.
 */
public interface TaskHandlerFactory {
  /** The name task types use in {@code handler:}. */
  String name();

  TaskHandler create(Vertx vertx, TaskTypeConfig type);

  /** Releases clients and timers the factory holds. */
  default Future<Void> close() {
    return Future.succeededFuture();
  }
}
