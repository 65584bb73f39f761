package io.vigil.demo;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.Json;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/** {@code --demo}: the configuration layer it runs on and the verticle that starts its scenarios. */
public final class Demo extends VerticleBase {
  /** Where {@code demo/vigil-demo.yaml} names the flaky dependency's port. */
  static final String FLAKY_PORT = "${demo.flaky_port}";

  private final List<DemoScenario> scenarios;
  private final String configuration;

  Demo(List<DemoScenario> scenarios, String configuration) {
    this.scenarios = scenarios;
    this.configuration = configuration;
  }

  /**
   * Every scenario of the demo: the workload, a dependency that fails now and then on a free loopback port, and — when
   * the environment configures a Redis ({@code VIGIL_REDIS_URL}) — a BullMQ queue there that backs up now and then,
   * with the component that watches it.
   */
  public static Demo standard(Map<String, String> env) {
    int port = freeLoopbackPort();
    List<DemoScenario> scenarios = new ArrayList<>(List.of(new Workload(), new FlakyDependency(port, Clock.systemUTC())));
    String configuration = template().replace(FLAKY_PORT, Integer.toString(port));
    String redisUrl = env.getOrDefault("VIGIL_REDIS_URL", "").trim();
    if (!redisUrl.isEmpty()) {
      scenarios.add(new ForeignBacklog(redisUrl, Clock.systemUTC(), ForeignBacklog.PREFIX));
      configuration += foreignQueueComponent(redisUrl);
    }
    return new Demo(List.copyOf(scenarios), configuration);
  }

  /** Appended to the template, whose last section is {@code components:}; the URL as a quoted (JSON) scalar. */
  static String foreignQueueComponent(String redisUrl) {
    return """
          demo-imports:
            name: Imports (demo BullMQ queue)
            kind: queue
            probe: {type: bullmq, redis_url: %s, prefix: %s, queue: %s, max_waiting: 100, interval_ms: 2000}
        """.formatted(Json.encode(redisUrl), ForeignBacklog.PREFIX, ForeignBacklog.QUEUE);
  }

  /** The YAML laid over the bundled defaults: the queues and task types the workload uses, the demo's components. */
  public String configuration() {
    return configuration;
  }

  @Override
  public Future<?> start() {
    SplittableRandom random = new SplittableRandom();
    return Future.all(scenarios.stream().map(scenario -> scenario.start(vertx, random)).toList());
  }

  static String template() {
    try (InputStream in = Demo.class.getClassLoader().getResourceAsStream("demo/vigil-demo.yaml")) {
      if (in == null) throw new IllegalStateException("demo/vigil-demo.yaml is missing from the jar");
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A port free now; the dependency binds it a moment later, once the node runs. */
  private static int freeLoopbackPort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free loopback port for the demo dependency", e);
    }
  }
}
