package io.vigil.cluster;

import io.vertx.core.json.JsonObject;
import io.vigil.testing.Eventually;
import io.vigil.testing.LoopbackCluster;
import io.vigil.testing.RunningVigil;
import io.vigil.testing.VigilProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The example worker under {@code examples/worker} beside a Vigil process: compiled here against Vert.x and Hazelcast
 * only (not Vigil's classes, which proves it needs none), run as processes of its own on the loopback cluster. Tasks of
 * its type run on it with Vigil's retries and timeouts; a worker killed while it holds a task fails that attempt at
 * once (its node left), and the task is retried on another worker.
 */
@DisplayName("The example worker")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WorkerExampleIT {
  static final String REDIS = System.getenv().getOrDefault("VIGIL_TEST_REDIS_URL", "redis://127.0.0.1:6379");
  static final LoopbackCluster CLUSTER = new LoopbackCluster(3);
  static Path classes;
  static VigilProcess vigil;
  static final List<Worker> workers = new ArrayList<>();

  /** A worker process and its output. */
  record Worker(Process process, Path log) {
    String output() {
      try {
        return Files.readString(log);
      } catch (IOException e) {
        return "";
      }
    }
  }

  @BeforeAll
  static void start() throws Exception {
    classes = compileTheExample();
    Path config = Files.createTempFile("vigil-worker", ".yaml");
    Files.writeString(config, """
        queue: {idle_poll_ms: 10, shutdown_grace_ms: 300}
        task_types:
          remote:
            handler: eventbus
            timeout_ms: 60000
            max_attempts: 100
            backoff: {base_ms: 100, factor: 2.0, max_ms: 500, jitter: none}
        """);
    vigil = VigilProcess.startLight(config, CLUSTER.env(0, Map.of("VIGIL_REDIS_URL", REDIS,
        "VIGIL_REDIS_PREFIX", "vigil-it-worker-" + UUID.randomUUID())), RunningVigil.freePort());
  }

  @AfterAll
  static void stop() {
    workers.forEach(w -> w.process().destroyForcibly());
    if (vigil != null) vigil.close();
  }

  /** Vert.x, Hazelcast and what they need from the test's class path; nothing of Vigil's. */
  static String vertxOnly() {
    return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
        .filter(entry -> entry.matches(".*/(vertx-core|vertx-core-logging|vertx-hazelcast|hazelcast|netty-[a-z0-9-]+|jackson-core)-[0-9][^/]*\\.jar"))
        .collect(Collectors.joining(File.pathSeparator));
  }

  static Path compileTheExample() throws IOException {
    Path out = Files.createTempDirectory("vigil-worker-classes");
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    int status = javac.run(null, null, null, "--release", "17", "-d", out.toString(), "-cp", vertxOnly(),
        "examples/worker/src/main/java/example/worker/Worker.java");
    assertThat(status).as("the example compiles against Vert.x and Hazelcast alone").isZero();
    return out;
  }

  static Worker worker(String name) throws IOException {
    Path log = Files.createTempFile("vigil-worker-" + name, ".log");
    ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx256m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", classes + File.pathSeparator + vertxOnly(), "example.worker.Worker")
        .redirectErrorStream(true).redirectOutput(log.toFile());
    Map<String, String> env = new HashMap<>(CLUSTER.env(workers.size() + 1));
    env.put("WORKER_NAME", name);
    env.put("WORKER_TYPES", "remote");
    builder.environment().putAll(env);
    Worker worker = new Worker(builder.start(), log);
    workers.add(worker);
    Eventually.await("worker " + name + " serves its type", Duration.ofSeconds(60),
        () -> worker.output().contains(name + " serves vigil.worker.remote"));
    return worker;
  }

  static JsonObject task(String id) {
    return vigil.get("/api/tasks/" + id).json();
  }

  static String submit(JsonObject payload) {
    return vigil.post("/api/tasks", new JsonObject().put("type", "remote").put("payload", payload)).json().getString("id");
  }

  @Test
  @Order(1)
  void aTaskOfItsTypeRunsOnTheWorkerAndAPermanentRefusalIsDeadLettered() throws Exception {
    worker("A");

    String echoed = submit(new JsonObject().put("echo", "hello"));
    Eventually.await("the task completes", Duration.ofSeconds(20), () -> "completed".equals(task(echoed).getString("status")));
    JsonObject result = task(echoed).getJsonObject("result");
    assertThat(result.getString("worker")).isEqualTo("A");
    assertThat(result.getString("echo")).isEqualTo("hello");

    String refused = submit(new JsonObject().put("fail", "permanent"));
    Eventually.await("the refused task is dead", Duration.ofSeconds(20), () -> "dead".equals(task(refused).getString("status")));
    assertThat(task(refused).getInteger("attempts")).isEqualTo(1);
    assertThat(task(refused).getString("last_error")).contains("422");
  }

  @Test
  @Order(2)
  void aWorkerKilledWithATaskWhileAnotherServesItsTypeFailsTheAttemptAtOnceAndTheTaskIsRetriedOnTheOther()
      throws Exception {
    worker("B"); // two workers serve the type: which one gets an attempt cannot be known
    String id = submit(new JsonObject().put("hang_on_attempt", 1).put("echo", "again"));
    Worker holder = Eventually.await("a worker holds the task", Duration.ofSeconds(20), () -> workers.stream()
        .filter(w -> w.output().contains(" received " + id)).findFirst().orElse(null), Objects::nonNull);
    String other = holder.output().contains("A received " + id) ? "B" : "A";

    holder.process().destroyForcibly();
    long killedAt = System.nanoTime();
    Eventually.await("the attempt fails when its worker's node leaves, long before its 60 s timeout",
        Duration.ofSeconds(15), () -> String.valueOf(task(id).getString("last_error")).contains("left the cluster")
            || "completed".equals(task(id).getString("status")));
    System.out.println("the attempt on the killed worker ended " + Duration.ofNanos(System.nanoTime() - killedAt).toMillis()
        + " ms after the kill: " + task(id).getString("last_error"));

    Eventually.await("the task completes on the other worker", Duration.ofSeconds(30),
        () -> "completed".equals(task(id).getString("status")));
    assertThat(task(id).getJsonObject("result").getString("worker")).isEqualTo(other);
    assertThat(task(id).getInteger("attempts")).isGreaterThanOrEqualTo(2);
  }
}
