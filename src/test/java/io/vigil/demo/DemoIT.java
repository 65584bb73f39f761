package io.vigil.demo;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vigil.testing.Eventually;
import io.vigil.testing.RunningVigil;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code java -jar vigil.jar --demo}, started as a newcomer would, from a directory that holds nothing. */
@DisplayName("The demo")
class DemoIT {
  final HttpClient http = HttpClient.newHttpClient();

  @Test
  void startedFromAnEmptyDirectoryItServesTheDashboardItsQueuesComeAliveAndItsDependencyFailsAndIsRecovered() throws Exception {
    String jar = new File(System.getProperty("vigil.jar", "target/vigil.jar")).getAbsolutePath();
    Path empty = Files.createTempDirectory("vigil-demo");
    int port = RunningVigil.freePort();
    ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx384m", "-jar", jar, "--demo").directory(empty.toFile()).redirectErrorStream(true)
        .redirectOutput(empty.resolve("vigil.log").toFile());
    builder.environment().put("VIGIL_HTTP_PORT", Integer.toString(port));
    Process vigil = builder.start();
    try {
      String base = "http://127.0.0.1:" + port;
      Eventually.await("the demo to listen", Duration.ofSeconds(60), () -> status(base + "/health/live") == 200);

      assertThat(get(base + "/").body()).contains("<title>Vigil</title>");
      assertThat(status(base + "/js/app.js")).isEqualTo(200);
      assertThat(status(base + "/webjars/uplot/dist/uPlot.esm.js")).isEqualTo(200);
      Eventually.await("every demo queue to complete tasks, some failing", Duration.ofSeconds(60), () -> {
        JsonArray queues = new JsonObject(body(base + "/api/queues")).getJsonArray("queues");
        List<JsonObject> stats = queues.stream().map(JsonObject.class::cast).toList();
        boolean allBusy = List.of("orders", "emails", "default").stream().allMatch(name -> stats.stream()
            .anyMatch(q -> q.getString("queue").equals(name) && q.getLong("completed") > 0));
        boolean failures = stats.stream().anyMatch(q -> q.getLong("dead") > 0 || q.getLong("retrying") > 0
            || q.getDouble("error_rate") > 0);
        return allBusy && failures;
      });
      // the flaky dependency: slow, then down about 30 s after the start (failing three checks 2 s apart), back at 50 s
      Eventually.await("the demo dependency to go down", Duration.ofSeconds(90), () -> "unhealthy".equals(payments(base)));
      Eventually.await("the demo dependency to be back", Duration.ofSeconds(60), () -> "healthy".equals(payments(base)));
      JsonObject detail = new JsonObject(body(base + "/api/components/demo-payments"));
      assertThat(detail.getJsonArray("depends_on").getList()).containsExactly("demo-gateway");
      assertThat(detail.getLong("failures")).isPositive();
      assertThat(detail.getString("last_error")).isNotBlank();
      // recovery restarted it (the demo's plan: its restart hook), and the attempt that healed it is on record
      JsonArray attempts = new JsonObject(body(base + "/api/recovery/attempts?component=demo-payments&success=true"))
          .getJsonArray("attempts");
      assertThat(attempts).isNotEmpty();
      assertThat(attempts.getJsonObject(0).getString("action")).isEqualTo("http-hook");
    } finally {
      vigil.destroy();
      vigil.waitFor();
    }
  }

  private String payments(String base) {
    return new JsonObject(body(base + "/api/components")).getJsonArray("components", new JsonArray()).stream()
        .map(JsonObject.class::cast).filter(c -> "demo-payments".equals(c.getString("id")))
        .map(c -> c.getString("status")).findFirst().orElse(null);
  }

  private int status(String url) {
    try {
      return get(url).statusCode();
    } catch (Exception e) {
      return -1;
    }
  }

  private String body(String url) {
    try {
      return get(url).body();
    } catch (Exception e) {
      return "{\"queues\":[],\"components\":[]}";
    }
  }

  private HttpResponse<String> get(String url) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
