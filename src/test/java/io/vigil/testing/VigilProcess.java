package io.vigil.testing;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Vigil as a separate operating-system process started from the fat jar, as an operator runs it. */
public final class VigilProcess implements AutoCloseable {
  private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();
  /** JVM options that start a node with less CPU (C1 only, serial GC): several nodes on a small, busy machine. */
  public static final List<String> LIGHT = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");

  private final Process process;
  private final int port;
  private final Path log;

  private VigilProcess(Process process, int port, Path log) {
    this.process = process;
    this.port = port;
    this.log = log;
  }

  /** Starts {@code java -jar vigil.jar --config <file>} with {@code env} and waits until it is ready. */
  public static VigilProcess start(Path config, Map<String, String> env, int port) {
    VigilProcess vigil = launch(config, env, port);
    vigil.awaitReady(Duration.ofSeconds(60));
    return vigil;
  }

  /**
   * Starts one of several processes on a small machine and waits until it is ready: {@link #LIGHT}, and up to 120 s,
   * since a loaded 2-core CI machine starts a JVM that joins a cluster slowly. Start them one at a time.
   */
  public static VigilProcess startLight(Path config, Map<String, String> env, int port) {
    VigilProcess vigil = launch(config, env, port, LIGHT);
    vigil.awaitReady(Duration.ofSeconds(120));
    return vigil;
  }

  /** Starts it and does not wait: for a start that is meant to fail. */
  public static VigilProcess launch(Path config, Map<String, String> env, int port) {
    return launch(config, env, port, List.of());
  }

  /**
   * As {@link #launch(Path, Map, int)}, with extra JVM options (e.g. for several nodes on a small machine:
   * {@link #LIGHT}).
   */
  public static VigilProcess launch(Path config, Map<String, String> env, int port, List<String> jvmOptions) {
    String jar = System.getProperty("vigil.jar", "target/vigil.jar");
    if (!new File(jar).isFile()) throw new IllegalStateException("no fat jar at " + jar + ": run mvn package first");
    try {
      Path log = Files.createTempFile("vigil-process", ".log");
      List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-Xmx512m"));
      command.addAll(jvmOptions);
      command.addAll(List.of("-jar", jar, "--config", config.toString()));
      ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
      builder.environment().putAll(env);
      builder.environment().put("VIGIL_HTTP_PORT", Integer.toString(port));
      return new VigilProcess(builder.start(), port, log);
    } catch (IOException e) {
      throw new IllegalStateException("cannot start Vigil", e);
    }
  }

  /** Waits for the process to end by itself; its exit code. */
  public int awaitExit(Duration limit) {
    try {
      if (!process.waitFor(limit.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
        kill();
        throw new IllegalStateException("Vigil did not exit within " + limit.toSeconds() + " s:\n" + log());
      }
      return process.exitValue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** SIGTERM, as an orchestrator stops it, and waits for the exit; its exit code. */
  public int terminate(Duration limit) {
    process.destroy();
    return awaitExit(limit);
  }

  public int port() {
    return port;
  }

  public Response get(String path) {
    return send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(15)).GET());
  }

  public Response post(String path, io.vertx.core.json.JsonObject body) {
    return send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(15))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body.encode())));
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }

  private Response send(HttpRequest.Builder request) {
    return Response.send(HTTP, request.build());
  }

  /** SIGKILL: no shutdown hook, no grace period, no flush. */
  public void kill() {
    process.destroyForcibly();
    try {
      process.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  public String log() {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      return "(log unreadable: " + e.getMessage() + ")";
    }
  }

  /** Waits until two clustered processes see each other and one of them leads. */
  public static void awaitPair(VigilProcess a, VigilProcess b) {
    Eventually.await("both processes see each other and a leader", Duration.ofSeconds(30),
        () -> a.get("/api/cluster").json().getJsonArray("nodes").size() == 2
            && b.get("/api/cluster").json().getJsonArray("nodes").size() == 2
            && a.get("/api/cluster").json().getJsonObject("leader") != null);
  }

  /** Waits until {@code /health/ready} answers 200 (for processes launched together). */
  public void awaitReady(Duration limit) {
    HttpClient http = HttpClient.newHttpClient();
    long deadline = System.nanoTime() + limit.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) throw new IllegalStateException("Vigil exited with " + process.exitValue() + ":\n" + log());
      try {
        HttpResponse<Void> ready = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health/ready"))
            .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
        if (ready.statusCode() == 200) return;
      } catch (IOException notYet) {
        // still starting
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    kill();
    throw new IllegalStateException("Vigil was not ready within " + limit.toSeconds() + " s:\n" + log());
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      process.destroy();
      try {
        process.waitFor();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
