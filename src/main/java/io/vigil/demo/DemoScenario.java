package io.vigil.demo;

import io.vertx.core.Vertx;

import java.util.random.RandomGenerator;

/**
 * One part of the demo: started once the node runs, it makes something happen that the dashboard shows. Today the
 * synthetic workload; the probes issue adds a dependency that fails now and then and a foreign queue that backs up.
 */
public interface DemoScenario {
  void start(Vertx vertx, RandomGenerator random);
}
