package io.vigil.notify;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The real Alertmanager from Debian's package, started on a free loopback port with clustering off
 * ({@code --cluster.listen-address=}) and a throw-away storage directory. Its one receiver is a webhook to
 * {@code webhookUrl} with {@code send_resolved}, grouped per {@code case} label, sent at once.
 */
final class AlertmanagerProcess implements AutoCloseable {
  static final Path BINARY = Path.of("/usr/bin/prometheus-alertmanager");
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private final Process process;
  private final Path dir;
  private final int port;

  private AlertmanagerProcess(Process process, Path dir, int port) {
    this.process = process;
    this.dir = dir;
    this.port = port;
  }

  static AlertmanagerProcess start(String webhookUrl) throws IOException, InterruptedException {
    if (!Files.isExecutable(BINARY)) {
      throw new AssertionError(BINARY + " is missing: apt-get install -y prometheus-alertmanager (.ci/run does)");
    }
    Path dir = Files.createTempDirectory("vigil-alertmanager-");
    Path config = Files.writeString(dir.resolve("alertmanager.yml"), """
        route:
          receiver: recorder
          group_by: ['case']
          group_wait: 0s
          group_interval: 1s
          repeat_interval: 1h
        receivers:
          - name: recorder
            webhook_configs:
              - url: '%s'
                send_resolved: true
        """.formatted(webhookUrl));
    String failures = "";
    for (int attempt = 0; attempt < 3; attempt++) {
      int port = SilentServer.closedPort();
      Path log = dir.resolve("alertmanager-" + attempt + ".log");
      Process p = new ProcessBuilder(BINARY.toString(),
          "--config.file=" + config,
          "--storage.path=" + dir.resolve("data-" + attempt),
          "--web.listen-address=127.0.0.1:" + port,
          "--web.external-url=http://127.0.0.1:" + port,
          "--cluster.listen-address=",
          "--log.level=warn")
          .redirectErrorStream(true).redirectOutput(log.toFile()).start();
      AlertmanagerProcess am = new AlertmanagerProcess(p, dir, port);
      if (am.awaitReady(Duration.ofSeconds(30))) {
        Runtime.getRuntime().addShutdownHook(new Thread(p::destroyForcibly)); // never outlive a crashed test JVM
        return am;
      }
      p.destroyForcibly().waitFor();
      failures += "attempt " + attempt + " on port " + port + ": " + Files.readString(log) + "\n";
    }
    throw new AssertionError("Alertmanager did not become ready:\n" + failures);
  }

  private boolean awaitReady(Duration limit) throws InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    while (System.nanoTime() < deadline && process.isAlive()) {
      try {
        if (get("/-/ready").statusCode() == 200) return true;
      } catch (IOException notYet) {
        // not listening yet
      }
      Thread.sleep(100);
    }
    return false;
  }

  String url() {
    return "http://127.0.0.1:" + port;
  }

  int port() {
    return port;
  }

  HttpResponse<String> get(String pathAndQuery) throws IOException, InterruptedException {
    return HTTP.send(HttpRequest.newBuilder(URI.create(url() + pathAndQuery)).timeout(Duration.ofSeconds(5)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) process.destroyForcibly().waitFor();
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
