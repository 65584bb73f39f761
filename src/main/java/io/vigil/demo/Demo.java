package io.vigil.demo;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SplittableRandom;

/** {@code --demo}: the configuration layer it runs on and the verticle that starts its scenarios. */
public final class Demo extends VerticleBase {
  private final List<DemoScenario> scenarios;

  public Demo(List<DemoScenario> scenarios) {
    this.scenarios = scenarios;
  }

  /** Every scenario of the demo. */
  public static Demo standard() {
    return new Demo(List.of(new Workload()));
  }

  /** The YAML laid over the bundled defaults (queues and task types the workload uses). */
  public static String configuration() {
    try (InputStream in = Demo.class.getClassLoader().getResourceAsStream("demo/vigil-demo.yaml")) {
      if (in == null) throw new IllegalStateException("demo/vigil-demo.yaml is missing from the jar");
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public Future<?> start() {
    SplittableRandom random = new SplittableRandom();
    scenarios.forEach(scenario -> scenario.start(vertx, random));
    return Future.succeededFuture();
  }
}
