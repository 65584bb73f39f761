package io.vigil.demo;

import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.util.random.RandomGenerator;

/**
 * One part of the demo: started once the node runs, it makes something happen that the dashboard shows — the
 * synthetic workload, a dependency that fails now and then. Its future completes once it is running.
 */
public interface DemoScenario {
  Future<?> start(Vertx vertx, RandomGenerator random);
}
