package io.vigil.alarm;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vigil.bus.Addresses;
import io.vigil.bus.Facts;
import io.vigil.domain.fact.LeaderChanged;
import io.vigil.domain.fact.Stamps;
import io.vigil.notify.RecordingReceiver;
import io.vigil.testing.Backlog;
import io.vigil.testing.Eventually;
import io.vigil.testing.Response;
import io.vigil.testing.RunningVigil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.vigil.testing.Await.result;
import static org.assertj.core.api.Assertions.assertThat;

/** The alarm, silence and rule API on a real node with a real receiver, by role. */
@DisplayName("Alarm API")
class AlarmApiTest {
  static final String VIEWER = "view-3c1f9e7a2b5d8e0f";
  static final String OPERATOR = "oper-8d2e4a6c1f7b3d9a";

  Vertx receivers;
  RecordingReceiver hook;
  RunningVigil vigil;

  @BeforeEach
  void start() {
    receivers = Vertx.vertx();
    hook = RecordingReceiver.start(receivers);
    vigil = RunningVigil.start("""
        queue: {idle_poll_ms: 10, stats_interval_ms: 200}
        notifications:
          channels:
            ops-hook: {type: webhook, url_env: VIGIL_TEST_HOOK_URL, signing_key_env: VIGIL_TEST_HOOK_KEY}
        alarms:
          routes: {warning: [ops-hook], critical: [ops-hook]}
          rules:
            queue-backup: {for: 0s, clear_for: 0s}
            processing-timeout: {enabled: false}
        """, Map.of("VIGIL_TEST_HOOK_URL", hook.url("/hook"), "VIGIL_TEST_HOOK_KEY", "whsec-api-test-0123456789",
        "VIGIL_AUTH_TOKENS", "viewer:viewer:" + VIEWER + ",ops:operator:" + OPERATOR)).as(OPERATOR);
  }

  @AfterEach
  void stop() {
    if (vigil != null) vigil.close();
    result(receivers.close());
  }

  private JsonArray alarms(String state) {
    return vigil.get("/api/alarms?state=" + state).json().getJsonArray("alarms");
  }

  private JsonObject awaitFiring() {
    return Eventually.await("an alarm fires", Duration.ofSeconds(10), () -> alarms("firing"), a -> a.size() == 1)
        .getJsonObject(0);
  }

  private void leads(boolean leads) {
    Facts.publish(vigil.vertx().eventBus(), Addresses.CLUSTER_LEADER_CHANGED, new LeaderChanged(
        new Stamps(Clock.systemUTC()).next(), vigil.node(), leads, leads ? vigil.node() : null, null, null, "test"));
  }

  @Test
  void theRulesAreTheBuiltInOnesAsTunedWithTheRoutes() {
    JsonObject rules = vigil.as(VIEWER).get("/api/rules").json();

    List<JsonObject> list = rules.getJsonArray("rules").stream().map(JsonObject.class::cast).toList();
    JsonObject backlog = list.stream().filter(r -> r.getString("name").equals("queue-backup")).findFirst().orElseThrow();
    assertThat(backlog.getString("condition")).isEqualTo("queue.backlog > 100");
    assertThat(backlog.getString("for")).isEqualTo("0s");
    assertThat(backlog.getJsonObject("reminder").getString("initial")).isEqualTo("5m");
    assertThat(list).extracting(r -> r.getString("name")).contains("high-error-rate", "cpu-high", "dead-letters",
        "notify-channel-failing").doesNotContain("processing-timeout");
    assertThat(rules.getJsonObject("routes").getJsonObject("channels").getJsonArray("warning"))
        .containsExactly("ops-hook");
  }

  @Test
  void aRuleTestedOnTheCurrentValuesSaysWhatItWouldDoAndOpensAndSendsNothing() {
    Backlog.of(vigil, 3);
    JsonObject rule = new JsonObject().put("name", "small-backlog").put("metric", "queue.backlog")
        .put("comparison", ">").put("threshold", 2).put("for", "1m")
        .put("annotations", new JsonObject().put("summary", "{{queue}} holds {{value}}"));

    JsonObject verdict = Eventually.await("the engine has seen the backlog", Duration.ofSeconds(10),
        () -> vigil.as(VIEWER).post("/api/rules/test", rule).json(), v -> v.getInteger("breaching") == 1);
    JsonObject tuned = vigil.post("/api/rules/test", new JsonObject().put("name", "queue-backup").put("threshold", 2))
        .json();

    JsonObject matched = verdict.getJsonArray("matched").getJsonObject(0);
    assertThat(matched.getString("outcome")).isEqualTo("would_pend");
    assertThat(matched.getDouble("value")).isEqualTo(3.0);
    assertThat(matched.getJsonObject("annotations").getString("summary")).isEqualTo("default holds 3");
    assertThat(tuned.getJsonArray("matched").getJsonObject(0).getString("outcome")).isEqualTo("would_fire");
    assertThat(alarms("open")).isEmpty();
    assertThat(hook.requests()).isEmpty();
  }

  @Test
  void aBadRuleIsRefusedWithEveryProblemNamedByItsKey() {
    Response refused = vigil.post("/api/rules/test", new JsonObject().put("name", "x").put("metric", "queue.backlogg")
        .put("threshold", "lots").put("colour", "red").put("channels", new JsonArray().add("pager")));

    assertThat(refused.status()).isEqualTo(422);
    assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
    assertThat(refused.json().getJsonArray("errors").stream().map(JsonObject.class::cast)
        .map(e -> e.getString("field"))).contains("threshold", "colour", "channels[0]", "metric",
        "annotations.summary");
  }

  @Test
  void operatorsAcknowledgeAndResolveViewersMayNotAndWhatIsNotOpenIsAProblem() {
    Backlog.of(vigil, 101);
    String id = awaitFiring().getString("id");

    assertThat(vigil.as(VIEWER).post("/api/alarms/" + id + "/ack", new JsonObject()).status()).isEqualTo(403);
    assertThat(vigil.as(OPERATOR).post("/api/alarms/" + id + "/ack", new JsonObject().put("comment", "mine"))
        .json().getString("acknowledged_by")).isEqualTo("ops");
    Response twice = vigil.post("/api/alarms/" + id + "/ack", new JsonObject());
    assertThat(twice.status()).isEqualTo(409);
    assertThat(twice.problemType()).isEqualTo("illegal-alarm-transition");
    assertThat(vigil.post("/api/alarms/" + id + "/resolve", new JsonObject().put("comment", "fixed by hand"))
        .json().getString("state")).isEqualTo("resolved");
    Response gone = vigil.post("/api/alarms/" + id + "/resolve", new JsonObject());
    assertThat(gone.status()).isEqualTo(404);
    assertThat(vigil.post("/api/alarms/" + id + "/ack", new JsonObject().put("comment", 42)).status()).isEqualTo(422);
    assertThat(vigil.get("/api/alarms?state=burning").status()).isEqualTo(422);
    Eventually.await("the firing and the manual resolve were sent", Duration.ofSeconds(10),
        () -> hook.requests().size() == 2);
    assertThat(hook.requests().get(1).json().getString("status")).isEqualTo("resolved");
  }

  @Test
  void aSilencedAlarmFiresAndShowsButSendsNothingUntilTheSilenceEndsThenItIsSentAtOnce() throws Exception {
    Response created = vigil.post("/api/silences", new JsonObject().put("matchers", new JsonArray().add("rule=queue-backup"))
        .put("duration", "1h").put("comment", "maintenance of the workers"));
    assertThat(created.status()).isEqualTo(201);
    String silence = created.json().getString("id");

    Backlog.of(vigil, 101);
    JsonObject alarm = awaitFiring();
    assertThat(alarm.getBoolean("silenced")).isTrue();
    Thread.sleep(1_000); // a message would have gone out at once
    assertThat(hook.requests()).isEmpty();

    assertThat(vigil.as(VIEWER).delete("/api/silences/" + silence).status()).isEqualTo(403);
    assertThat(vigil.as(OPERATOR).delete("/api/silences/" + silence).json().getString("state")).isEqualTo("expired");
    Eventually.await("the firing message once the silence ended", Duration.ofSeconds(10),
        () -> hook.requests().size() == 1);
    assertThat(hook.requests().get(0).json().getString("status")).isEqualTo("firing");
    assertThat(vigil.get("/api/silences?state=all").json().getJsonArray("silences")).hasSize(1);
    assertThat(vigil.get("/api/silences").json().getJsonArray("silences")).isEmpty();
    assertThat(vigil.post("/api/silences", new JsonObject().put("matchers", new JsonArray().add("queue=~\".*\""))
        .put("duration", "1h").put("comment", "everything")).status()).isEqualTo(422);
  }

  @Test
  void withNoLeaderTheApiAnswers503AndTheNextLeaderSendsTheResolveOfWhatClearedMeanwhileWithoutResendingIt() {
    Backlog.of(vigil, 101);
    String id = awaitFiring().getString("id");
    Eventually.await("the firing message", Duration.ofSeconds(10), () -> hook.requests().size() == 1);

    leads(false);
    Response none = Eventually.await("the engine is gone", Duration.ofSeconds(10), () -> vigil.get("/api/alarms"),
        r -> r.status() == 503);
    assertThat(none.header("Retry-After")).isEqualTo("2");
    assertThat(none.problemType()).isEqualTo("component-unavailable");
    Backlog.drain(vigil);
    Eventually.await("the queue drains", Duration.ofSeconds(10),
        () -> vigil.get("/api/queues/default").json().getLong("waiting") == 0);

    leads(true);
    Eventually.await("the new leader sends the resolve", Duration.ofSeconds(10), () -> hook.requests().size() == 2);
    assertThat(hook.requests().get(1).json().getString("status")).isEqualTo("resolved");
    assertThat(vigil.get("/api/alarms/" + id).json().getJsonObject("alarm").getString("state")).isEqualTo("resolved");
  }
}
