package io.vigil.http;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vigil.bus.Addresses;
import io.vigil.bus.Facts;
import io.vigil.domain.fact.ConfigReloadRequested;
import io.vigil.domain.fact.Stamps;
import io.vigil.testing.Eventually;
import io.vigil.testing.Response;
import io.vigil.testing.RunningVigil;
import io.vigil.testing.ScriptedWorker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reloading a real running Vigil started from a file: edited in place, replaced by rename, or reloaded on demand.
 * The proof that a change is applied is behaviour: a queue whose concurrency rises runs more tasks at once. The
 * watcher looks every 50 ms; the tests wait with {@link Eventually} for what the node does, never a fixed sleep.
 */
class ConfigReloadApiTest {
  static final String BASE = """
      config: {watch: %s, watch_interval_ms: 50}
      queue: {idle_poll_ms: 10, shutdown_grace_ms: 100}
      queues:
        work: {concurrency: %d}
      task_types:
        hold: {queue: work, handler: eventbus, timeout_ms: 60000, max_attempts: 1}
      """;

  @TempDir Path dir;
  RunningVigil vigil;
  ScriptedWorker worker;

  @AfterEach
  void stop() {
    if (worker != null) worker.close();
    if (vigil != null) vigil.close();
  }

  Path start(boolean watch, int concurrency) throws IOException {
    Path file = dir.resolve("vigil.yaml");
    Files.writeString(file, BASE.formatted(watch, concurrency));
    vigil = RunningVigil.startWithFile(file, Map.of());
    worker = ScriptedWorker.register(vigil.vertx(), "hold");
    for (int i = 0; i < 8; i++) {
      Response submitted = vigil.post("/api/tasks", new JsonObject().put("type", "hold")
          .put("payload", new JsonObject().put("hang_attempts", 1)));
      assertThat(submitted.status()).as(submitted.toString()).isEqualTo(202);
    }
    awaitActive(concurrency);
    return file;
  }

  void awaitActive(int tasks) {
    Eventually.await("queue work to run " + tasks + " tasks at once", Duration.ofSeconds(10),
        () -> vigil.get("/api/queues/work").json().getInteger("active"), active -> active == tasks);
  }

  JsonObject config() {
    return vigil.get("/api/config").json();
  }

  List<JsonObject> events(String type) {
    JsonArray events = vigil.get("/api/events?type=" + type).json().getJsonArray("events");
    return events.stream().map(JsonObject.class::cast).toList();
  }

  @Test
  @DisplayName("an edit in place raises a queue's concurrency without a restart, and the reload is audited")
  void anEditInPlaceIsApplied() throws IOException {
    Path file = start(true, 2);

    Files.writeString(file, BASE.formatted(true, 5));

    awaitActive(5);
    assertThat(config().getJsonObject("settings").getString("queues.work.concurrency")).isEqualTo("5");
    assertThat(config().getJsonObject("last_reload").getString("trigger")).isEqualTo("file");
    JsonObject reloaded = Eventually.await("the reload in the audit log", Duration.ofSeconds(10),
        () -> events("config.reloaded"), list -> !list.isEmpty()).get(0);
    assertThat(reloaded.getJsonObject("details").getJsonArray("applied")).containsExactly("queues.work.concurrency");
    assertThat(reloaded.getJsonObject("details").getString("node")).isEqualTo(vigil.node());
    assertThat(reloaded.getJsonObject("details").getString("trigger")).isEqualTo("file");
    assertThat(reloaded.getString("severity")).isEqualTo("info");
  }

  @Test
  @DisplayName("a file replaced by rename counts like an edit")
  void aReplacementByRenameIsApplied() throws IOException {
    Path file = start(true, 2);
    Path staged = dir.resolve(".vigil.yaml.new");
    Files.writeString(staged, BASE.formatted(true, 4));

    Files.move(staged, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);

    awaitActive(4);
  }

  @Test
  @DisplayName("POST /api/config/reload applies the file on demand and says what changed")
  void aReloadOnDemandIsApplied() throws IOException {
    Path file = start(false, 2);
    Files.writeString(file, BASE.formatted(false, 3));

    Response reload = vigil.post("/api/config/reload", "", null);

    assertThat(reload.status()).as(reload.toString()).isEqualTo(200);
    assertThat(reload.json().getJsonArray("applied")).containsExactly("queues.work.concurrency");
    assertThat(reload.json().getJsonArray("sections")).containsExactly("queues");
    assertThat(reload.json().getString("trigger")).isEqualTo("api");
    awaitActive(3);
  }

  @Test
  @DisplayName("a reload asked for on one node asks every other node to re-read its own file, and each does")
  void aReloadReachesEveryNode() throws IOException {
    Path file = start(false, 2);
    List<ConfigReloadRequested> requests = new java.util.concurrent.CopyOnWriteArrayList<>();
    Facts.listen(vigil.vertx().eventBus(), Addresses.CONFIG_RELOAD_REQUESTED, requests::add);

    assertThat(vigil.post("/api/config/reload", "", null).status()).isEqualTo(200);
    Eventually.until("the request to the other nodes", () -> requests.size() == 1);
    assertThat(requests.get(0).actor()).isEqualTo("anonymous");
    assertThat(requests.get(0).node()).isEqualTo(vigil.node());
    assertThat(vigil.post("/api/config/reload?scope=node", "", null).status()).isEqualTo(200);

    // what this node does when another node asks: it re-reads its own file
    Files.writeString(file, BASE.formatted(false, 4));
    Facts.publish(vigil.vertx().eventBus(), Addresses.CONFIG_RELOAD_REQUESTED,
        new ConfigReloadRequested(new Stamps(Clock.systemUTC()).next(), "another-node", "ops"));
    awaitActive(4);
    assertThat(config().getJsonObject("last_reload").getString("trigger")).isEqualTo("cluster");
    assertThat(requests).hasSize(2); // the scope=node reload asked nobody else
  }

  @Test
  @DisplayName("a new task type in the file is accepted after a reload, with no restart")
  void aNewTaskTypeIsAcceptedAfterAReload() throws IOException {
    Path file = start(false, 2);
    assertThat(vigil.post("/api/tasks", new JsonObject().put("type", "ping")).status()).isEqualTo(422);
    Files.writeString(file, BASE.formatted(false, 2) + "  ping: {handler: noop}\n");

    assertThat(vigil.post("/api/config/reload", "", null).status()).isEqualTo(200);

    Response submitted = vigil.post("/api/tasks", new JsonObject().put("type", "ping"));
    assertThat(submitted.status()).as(submitted.toString()).isEqualTo(202);
  }

  @Test
  @DisplayName("an invalid file is refused with every reason and the running configuration stays")
  void anInvalidFileIsRefusedAndTheOldConfigurationKept() throws IOException {
    Path file = start(false, 2);
    Files.writeString(file, BASE.formatted(false, 0).replace("max_attempts: 1", "max_attempts: 1, timout_ms: 5"));

    Response reload = vigil.post("/api/config/reload", "", null);

    assertThat(reload.status()).as(reload.toString()).isEqualTo(422);
    assertThat(reload.header("Content-Type")).startsWith("application/problem+json");
    assertThat(reload.json().getJsonArray("errors").stream().map(JsonObject.class::cast)
        .map(e -> e.getString("field") + ": " + e.getString("message")).toList()).containsExactlyInAnyOrder(
        "queues.work.concurrency: 0 is out of range [1, 100000]",
        "task_types.hold.timout_ms: unknown key — did you mean timeout_ms?");
    assertThat(config().getJsonObject("settings").getString("queues.work.concurrency")).isEqualTo("2");
    assertThat(vigil.get("/api/queues/work").json().getInteger("active")).isEqualTo(2);
    Eventually.until("the refusal in the audit log", () -> !events("config.reload.failed").isEmpty());
  }

  @Test
  @DisplayName("an invalid edit seen by the watcher is refused once and the running configuration stays")
  void anInvalidEditSeenByTheWatcherIsRefusedOnce() throws IOException {
    Path file = start(true, 2);

    Files.writeString(file, BASE.formatted(true, 2) + "queues: {}\n");

    JsonObject refused = Eventually.await("the watcher's refusal", Duration.ofSeconds(10),
        () -> config().getJsonObject("last_reload"), last -> last != null && "refused".equals(last.getString("outcome")));
    assertThat(refused.getJsonArray("problems").getString(0)).contains("duplicate key queues");
    Files.writeString(file, BASE.formatted(true, 3));
    awaitActive(3);
    // the audit log is written in order: once the fix is in it, every refusal before it is too
    Eventually.until("the fixed file's reload in the audit log", () -> !events("config.reloaded").isEmpty());
    assertThat(events("config.reload.failed")).hasSize(1);
  }

  @Test
  @DisplayName("a setting that needs a restart is reported, and the running value kept until then")
  void aRestartOnlyChangeIsReported() throws IOException {
    Path file = start(false, 2);
    Files.writeString(file, BASE.formatted(false, 2) + "http: {body_limit_bytes: 4096}\n");

    Response reload = vigil.post("/api/config/reload", "", null);

    assertThat(reload.status()).isEqualTo(200);
    assertThat(reload.json().getJsonArray("applied")).isEmpty();
    assertThat(reload.json().getJsonArray("restart_required")).containsExactly("http.body_limit_bytes");
    assertThat(config().getJsonArray("pending_restart")).containsExactly("http.body_limit_bytes");
    assertThat(config().getJsonObject("settings").getString("http.body_limit_bytes")).isEqualTo("1048576");
  }

  @Test
  @DisplayName("a node started without a file says there is nothing to reload")
  void aNodeWithoutAFileHasNothingToReload() {
    vigil = RunningVigil.start("");

    Response reload = vigil.post("/api/config/reload", "", null);

    assertThat(reload.status()).isEqualTo(409);
    assertThat(reload.problemType()).isEqualTo("no-config-file");
  }
}
