package io.vigil.recovery;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vigil.bus.Addresses;
import io.vigil.bus.Facts;
import io.vigil.domain.fact.RecoveryAttemptFinished;
import io.vigil.domain.fact.RecoveryEscalated;
import io.vigil.domain.fact.TargetSwitched;
import io.vigil.store.pg.PgTestDatabase;
import io.vigil.testing.Eventually;
import io.vigil.testing.Response;
import io.vigil.testing.RunningVigil;
import io.vigil.testing.TargetServer;
import io.vigil.testing.TcpProxy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import static io.vigil.testing.Await.result;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Recovery end to end with real parts: a local HTTP dependency that fails over to its secondary and back, a manual
 * plan that escalates at once, both at the same time, and Vigil's own Redis and PostgreSQL connections killed on the
 * server side and rebuilt by {@code reconnect}.
 */
class RecoveryIT {
  private static final String OPS = "ops-secret-0123456789abcd";
  private static final Map<String, String> TOKENS = Map.of("VIGIL_AUTH_TOKENS", "night-ops:operator:" + OPS);

  private final List<AutoCloseable> closing = new ArrayList<>();
  private final List<RecoveryAttemptFinished> attempts = new CopyOnWriteArrayList<>();
  private final List<RecoveryEscalated> escalations = new CopyOnWriteArrayList<>();
  private final List<TargetSwitched> switches = new CopyOnWriteArrayList<>();
  private RunningVigil vigil;

  @AfterEach
  void stop() throws Exception {
    if (vigil != null) vigil.close();
    for (AutoCloseable c : closing) c.close();
  }

  private RunningVigil start(String yaml, Map<String, String> env) {
    vigil = RunningVigil.start(yaml, env);
    var bus = vigil.vertx().eventBus();
    Facts.listen(bus, Addresses.RECOVERY_ATTEMPT_FINISHED, attempts::add);
    Facts.listen(bus, Addresses.RECOVERY_ESCALATED, escalations::add);
    Facts.listen(bus, Addresses.RECOVERY_TARGET_SWITCHED, switches::add);
    return vigil.as(OPS);
  }

  private JsonObject component(String id) {
    return vigil.get("/api/components/" + id).json();
  }

  private JsonArray attemptsOf(String component) {
    return vigil.get("/api/recovery/attempts?component=" + component).json().getJsonArray("attempts");
  }

  // probes with room for a loaded machine: a blocked event loop must not look like a failing dependency
  private static final String DEPENDENCIES = """
      components:
        payments:
          name: Payments API
          probe: {type: http, url: "%s", interval_ms: 1000, timeout_ms: 1000, failure_threshold: 2, success_threshold: 1}
        validator:
          name: Validation service
          suggested_action: {unhealthy: "Call the validation team; it cannot be restarted from here"}
          probe: {type: http, url: "%s", interval_ms: 1000, timeout_ms: 1000, failure_threshold: 2, success_threshold: 1}
      recovery:
        plans:
          payments:
            cooldown: 0s
            actions:
              - {action: failover, secondary: "%s", check_interval: 200ms, primary_checks: 2}
          validator:
            actions:
              - {action: manual}
      """;

  @Test
  void aDependencyDownFailsOverToItsSecondaryAndAManualOneEscalatesAtOnceBothAtTheSameTime() {
    TargetServer primary = TargetServer.start().answer(200, "{}");
    TargetServer secondary = TargetServer.start().answer(200, "{}");
    TargetServer validator = TargetServer.start().answer(200, "{}");
    closing.addAll(List.of(primary, secondary, validator));
    start(DEPENDENCIES.formatted(primary.url("/health"), validator.url("/"), secondary.url("/health")), TOKENS);
    Eventually.until("both healthy, on the primary", 20_000, () -> {
      JsonObject payments = component("payments");
      return "healthy".equals(payments.getString("status")) && !payments.getBoolean("failed_over")
          && "healthy".equals(component("validator").getString("status"));
    });
    assertThat(component("payments").getBoolean("auto_recoverable")).isTrue();
    assertThat(component("validator").getBoolean("auto_recoverable")).isFalse();
    assertThat(component("validator").getBoolean("recovery_plan")).as("a manual plan an operator can start").isTrue();
    int attemptsBefore = attempts.size();
    int switchesBefore = switches.size();
    int escalationsBefore = escalations.size();

    // scenario 5: two failures at once; neither plan waits for the other
    primary.answer(503, "{}");
    validator.answer(500, "{}");

    // scenario 1: failover to the secondary, verified by the probe
    RecoveryAttemptFinished failover = Eventually.await("payments healed by failover", Duration.ofSeconds(20),
        () -> attempts.subList(attemptsBefore, attempts.size()).stream()
            .filter(a -> a.component().equals("payments") && a.healed()).findFirst(),
        java.util.Optional::isPresent).orElseThrow();
    assertThat(failover.action()).isEqualTo("failover");
    assertThat(failover.trigger()).isEqualTo("unhealthy");
    assertThat(switches.get(switchesBefore).target()).isEqualTo(secondary.url("/health"));
    Eventually.until("payments healthy on its secondary", 10_000, () -> {
      JsonObject payments = component("payments");
      return "healthy".equals(payments.getString("status")) && payments.getBoolean("failed_over");
    });
    assertThat(attemptsOf("payments").stream().map(JsonObject.class::cast)
        .filter(a -> a.getString("id").equals(failover.attemptId()))).singleElement().satisfies(a -> {
          assertThat(a.getBoolean("success")).isTrue();
          assertThat(a.getString("action")).isEqualTo("failover");
          assertThat(a.getLong("duration_ms")).isNotNegative();
        });

    // scenario 2: the manual plan escalates at once; the alarm names its attempt
    RecoveryEscalated escalation = Eventually.await("validator escalated", Duration.ofSeconds(20),
        () -> escalations.subList(escalationsBefore, escalations.size()).stream()
            .filter(e -> e.component().equals("validator") && e.open()).findFirst(),
        java.util.Optional::isPresent).orElseThrow();
    assertThat(escalation.reason()).isEqualTo("manual");
    String manualAttempt = escalation.attempts().get(0);
    assertThat(attemptsOf("validator").stream().map(o -> ((JsonObject) o).getString("id"))).contains(manualAttempt);
    JsonObject alarm = Eventually.await("the manual-intervention alarm", Duration.ofSeconds(15),
        () -> vigil.get("/api/alarms?rule=recovery-exhausted&state=open").json().getJsonArray("alarms").stream()
            .map(JsonObject.class::cast).filter(a -> a.getString("summary").contains(manualAttempt)).findFirst(),
        java.util.Optional::isPresent).orElseThrow();
    assertThat(alarm.getString("severity")).isEqualTo("critical");
    assertThat(alarm.getString("summary")).contains("Manual intervention required for validator")
        .contains("Call the validation team");

    // back to the primary once it answers again (two good checks)
    primary.answer(200, "{}");
    Eventually.until("back on the primary", 15_000,
        () -> switches.subList(switchesBefore, switches.size()).stream().anyMatch(s -> s.target() == null));
    Eventually.until("the probe is on the primary again", 10_000, () -> !component("payments").getBoolean("failed_over"));
    int primaryHits = primary.hits();
    Eventually.until("the probe checks the primary again", 10_000, () -> primary.hits() > primaryHits + 2);

    JsonObject stats = vigil.get("/api/recovery/stats").json();
    assertThat(stats.getLong("total")).isGreaterThanOrEqualTo(2);
    assertThat(stats.getJsonObject("by_action").getJsonObject("failover").getLong("succeeded")).isPositive();
    assertThat(stats.getJsonObject("by_component").fieldNames()).contains("payments", "validator");
    assertThat(stats.getJsonArray("recent_failures")).isNotEmpty();
  }

  @Test
  void anOperatorRunsAPlanOnDemandAndTheRunIsAuditedWithTheOperatorAsActor() {
    TargetServer primary = TargetServer.start().answer(200, "{}");
    TargetServer validator = TargetServer.start().answer(200, "{}");
    closing.addAll(List.of(primary, validator));
    start(DEPENDENCIES.formatted(primary.url("/health"), validator.url("/"), primary.url("/other")), TOKENS);

    Response started = vigil.post("/api/recovery/validator", new JsonObject().put("reason", "drill"));
    assertThat(started.status()).isEqualTo(202);
    assertThat(started.json().getString("run_id")).isNotBlank();
    assertThat(vigil.post("/api/recovery/nothing-here", new JsonObject()).status()).isEqualTo(404);
    Eventually.until("the manual attempt", 10_000, () -> !attempts.isEmpty());
    assertThat(attempts.get(0).trigger()).isEqualTo("manual");
    assertThat(attempts.get(0).actor()).isEqualTo("night-ops");
    // the operator's run of validator (on a loaded machine a slow first probe may start payments' plan as well)
    Eventually.until("the audited run", 10_000, () -> vigil.get("/api/events?type=recovery.run.started").json()
        .getJsonArray("events").stream().map(JsonObject.class::cast).anyMatch(e -> e.encode().contains("validator")));
    assertThat(vigil.get("/api/events?type=recovery.run.started").json().getJsonArray("events").stream()
        .map(JsonObject.class::cast).filter(e -> e.encode().contains("validator")))
        .singleElement().satisfies(e -> assertThat(e.getString("actor")).isEqualTo("night-ops"));
  }

  // scenario 3 -----------------------------------------------------------------------------------------------

  @Test
  void killedRedisConnectionsAreRebuiltByReconnectAndTheQueueFlowsAgain() {
    URI redisUri = URI.create(System.getenv().getOrDefault("VIGIL_TEST_REDIS_URL", "redis://127.0.0.1:6379"));
    TcpProxy proxy = TcpProxy.start(redisUri.getHost(), redisUri.getPort());
    closing.add(proxy);
    String prefix = "vigil-it-" + UUID.randomUUID().toString().substring(0, 13);
    start("", Map.of("VIGIL_AUTH_TOKENS", "night-ops:operator:" + OPS,
        "VIGIL_REDIS_URL", "redis://" + proxy.host() + ":" + proxy.port(), "VIGIL_REDIS_PREFIX", prefix,
        "VIGIL_METRICS_ENABLED", "false"));
    Redis admin = Redis.createClient(vigil.vertx(), redisUri.toString());
    closing.add(admin::close);
    assertThat(submitAndAwait(5)).isEqualTo(5);

    // CLIENT KILL on the server, for Vigil's connections only (TYPE normal would hit everyone on this shared Redis)
    for (String address : proxy.upstreamAddresses()) {
      result(admin.send(Request.cmd(Command.CLIENT).arg("KILL").arg("ADDR").arg(address)).otherwiseEmpty());
    }
    Response run = vigil.post("/api/recovery/vigil-redis", new JsonObject().put("reason", "connections killed"));
    assertThat(run.status()).isEqualTo(202);
    Eventually.until("reconnect healed it", 15_000,
        () -> attempts.stream().anyMatch(a -> a.action().equals("reconnect") && a.healed()));
    assertThat(submitAndAwait(5)).isEqualTo(5);
  }

  // scenario 4 -----------------------------------------------------------------------------------------------

  @Test
  void terminatedPostgresBackendsAreRebuiltByReconnectAndNoHistoryIsLost() {
    PgTestDatabase database = PgTestDatabase.create();
    closing.add(database);
    start("", Map.of("VIGIL_AUTH_TOKENS", "night-ops:operator:" + OPS, "VIGIL_PG_URL", database.url(),
        "VIGIL_STORE_FLUSH_INTERVAL_MS", "20", "VIGIL_STORE_RETRY_MAX_MS", "300", "VIGIL_METRICS_ENABLED", "false"));
    List<String> submitted = new ArrayList<>(submit(20));
    Eventually.until("history stored", 15_000, () -> database.number("SELECT count(*) FROM tasks") == 20);

    database.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + database.name()
        + "' AND pid <> pg_backend_pid()");
    submitted.addAll(submit(20));
    assertThat(vigil.post("/api/recovery/vigil-store", new JsonObject()).status()).isEqualTo(202);
    Eventually.until("reconnect healed it", 15_000,
        () -> attempts.stream().anyMatch(a -> a.action().equals("reconnect") && a.healed()));
    submitted.addAll(submit(20));

    Eventually.until("every task is in history", 20_000,
        () -> database.number("SELECT count(*) FROM tasks") == submitted.size());
    Eventually.until("the attempt is stored", 10_000,
        () -> database.number("SELECT count(*) FROM recovery_attempts WHERE outcome = 'succeeded'") == 1);
  }

  private List<String> submit(int n) {
    JsonArray tasks = new JsonArray();
    for (int i = 0; i < n; i++) tasks.add(new JsonObject().put("type", "noop").put("payload", new JsonObject().put("i", i)));
    Response answer = vigil.post("/api/tasks/batch", new JsonObject().put("tasks", tasks));
    assertThat(answer.status()).isEqualTo(202);
    List<String> ids = new ArrayList<>();
    answer.json().getJsonArray("tasks").forEach(t -> ids.add(((JsonObject) t).getJsonObject("task").getString("id")));
    return ids;
  }

  /** Submits n tasks and waits until all completed; answers how many did. */
  private int submitAndAwait(int n) {
    List<String> ids = submit(n);
    Eventually.until("tasks completed", 15_000, () -> ids.stream()
        .allMatch(id -> "completed".equals(vigil.get("/api/tasks/" + id).json().getString("status"))));
    return ids.size();
  }
}
