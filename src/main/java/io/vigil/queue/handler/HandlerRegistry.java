package io.vigil.queue.handler;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vigil.bus.Addresses;
import io.vigil.bus.Facts;
import io.vigil.config.DegradeConfig;
import io.vigil.config.TaskTypeConfig;
import io.vigil.kit.Breakers;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;

/** The built-in handlers plus those found through {@link ServiceLoader}; one handler per configured task type. */
public final class HandlerRegistry {
  private final Map<String, TaskHandlerFactory> factories;
  private final Map<String, TaskHandler> byType = new LinkedHashMap<>();
  private final Map<String, TaskTypeConfig> configs = new LinkedHashMap<>();

  private HandlerRegistry(Map<String, TaskHandlerFactory> factories) {
    this.factories = factories;
  }

  /** Every handler name a task type may use; config validation checks against it. */
  public static Set<String> availableNames() {
    return discover().keySet();
  }

  public static HandlerRegistry create(Vertx vertx, Collection<TaskTypeConfig> types) {
    HandlerRegistry registry = new HandlerRegistry(discover());
    registry.reconfigure(vertx, types);
    return registry;
  }

  /** A registry of ready-made handlers by task type, with no factories to close (tests, embedding). */
  public static HandlerRegistry of(Map<String, TaskHandler> handlersByType) {
    HandlerRegistry registry = new HandlerRegistry(Map.of());
    registry.byType.putAll(handlersByType);
    return registry;
  }

  /**
   * Makes the handlers match reloaded task types: a new or changed type (another target, handler or timeout) gets a
   * handler built from its new settings, a removed one loses its handler; unchanged types keep theirs.
   */
  public void reconfigure(Vertx vertx, Collection<TaskTypeConfig> types) {
    Map<String, TaskHandler> handlers = new LinkedHashMap<>();
    for (TaskTypeConfig type : types) {
      TaskHandler kept = type.equals(configs.get(type.name())) ? byType.get(type.name()) : null;
      if (kept == null) {
        TaskHandlerFactory factory = factories.get(type.handler());
        if (factory == null) throw new IllegalArgumentException("no handler named " + type.handler());
        kept = degrading(vertx, type, factory.create(vertx, type));
      }
      handlers.put(type.name(), kept);
    }
    byType.clear();
    byType.putAll(handlers);
    configs.clear();
    types.forEach(type -> configs.put(type.name(), type));
  }

  /**
   * The type's handler wrapped in its degradation strategy ({@link DegradingHandler}) when it has one other than
   * fail-fast and calls its target through a breaker (the http handler).
   */
  private TaskHandler degrading(Vertx vertx, TaskTypeConfig type, TaskHandler handler) {
    DegradeConfig degrade = type.degrade();
    if (degrade.strategy() == DegradeConfig.Strategy.FAIL_FAST || !type.handler().equals("http")) return handler;
    Breakers breakers = Breakers.of(vertx);
    TaskHandler fallback = null;
    if (degrade.strategy() == DegradeConfig.Strategy.FALLBACK_HANDLER) {
      TaskHandlerFactory factory = factories.get(degrade.handler());
      if (factory == null) throw new IllegalArgumentException("no handler named " + degrade.handler());
      fallback = factory.create(vertx, type.runBy(degrade.handler(), degrade.target()));
    }
    return new DegradingHandler(handler, breakers.breaker(HttpHandlerFactory.breakerName(type.target())), degrade,
        fallback, breakers.clock(), fact -> Facts.publish(vertx.eventBus(), Addresses.TASK_DEGRADED, fact));
  }

  public TaskHandler forType(String type) {
    return byType.get(type);
  }

  public Future<Void> close() {
    List<Future<Void>> closing = new ArrayList<>();
    factories.values().forEach(f -> closing.add(f.close()));
    return Future.join(closing).mapEmpty();
  }

  private static Map<String, TaskHandlerFactory> discover() {
    Map<String, TaskHandlerFactory> found = new LinkedHashMap<>();
    for (TaskHandlerFactory builtIn : List.of(new NoopHandlerFactory(), new HttpHandlerFactory(), new EventBusHandlerFactory())) {
      found.put(builtIn.name(), builtIn);
    }
    for (TaskHandlerFactory custom : ServiceLoader.load(TaskHandlerFactory.class)) {
      found.putIfAbsent(custom.name(), custom);
    }
    return found;
  }
}
