package io.vigil.http;

import io.vertx.core.json.JsonObject;
import io.vigil.kit.Breakers;
import io.vigil.testing.Eventually;
import io.vigil.testing.Response;
import io.vigil.testing.RunningVigil;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("POST /api/breakers/{name}/open|close|reset: admin only, audited, problem+json for an unknown name")
class BreakerControlApiTest {
  static final String VIEWER = "viewer-secret-0123456789";
  static final String OPERATOR = "operator-secret-0123456789";
  static final String ADMIN = "admin-secret-0123456789abc";
  static final String NAME = "notify:ops";
  static RunningVigil vigil;

  @BeforeAll
  static void start() {
    vigil = RunningVigil.start("", Map.of("VIGIL_AUTH_TOKENS",
        "grafana:viewer:" + VIEWER + ",oncall:operator:" + OPERATOR + ",root:admin:" + ADMIN));
    Breakers.of(vigil.vertx()).breaker(NAME);
  }

  @AfterAll
  static void stop() {
    vigil.close();
  }

  static String path(String action) {
    return "/api/breakers/" + NAME + "/" + action;
  }

  @Test
  void onlyAnAdminMayForceOrResetABreaker() {
    for (String action : List.of("open", "close", "reset")) {
      Response anonymous = vigil.as(null).post(path(action), new JsonObject());
      Response viewer = vigil.as(VIEWER).post(path(action), new JsonObject());
      Response operator = vigil.as(OPERATOR).post(path(action), new JsonObject());

      assertThat(anonymous.status()).isEqualTo(401);
      assertThat(List.of(viewer.status(), operator.status())).as(action).containsOnly(403);
      assertThat(operator.header("Content-Type")).startsWith("application/problem+json");
    }
    assertThat(Breakers.of(vigil.vertx()).find(NAME).orElseThrow().state().wireName()).isEqualTo("closed");
  }

  @Test
  void anAdminForcesItOpenThenClosedThenResetsItAndEachChangeIsAuditedUnderTheAdminsName() {
    JsonObject open = vigil.as(ADMIN).post(path("open"), new JsonObject()).json();
    assertThat(open.getString("state")).isEqualTo("forced_open");
    assertThat(open.getBoolean("forced")).isTrue();
    assertThat(open.getString("forced_by")).isEqualTo("root");
    assertThat(open.getString("tripped_by")).isEqualTo(vigil.node());

    assertThat(vigil.as(ADMIN).post(path("close"), new JsonObject()).json().getString("state"))
        .isEqualTo("forced_closed");
    JsonObject reset = vigil.as(ADMIN).post(path("reset"), "", null).json();
    assertThat(reset.getString("state")).isEqualTo("closed");
    assertThat(reset.getBoolean("forced")).isFalse();

    List<JsonObject> audited = Eventually.await("three audited changes", Duration.ofSeconds(5),
        () -> vigil.as(VIEWER).get("/api/events?type=breaker.state.changed").json().getJsonArray("events").stream()
            .map(JsonObject.class::cast).toList(), events -> events.size() >= 3);
    assertThat(audited).allSatisfy(e -> {
      assertThat(e.getString("actor")).isEqualTo("root");
      assertThat(e.getString("component")).isEqualTo("breaker:" + NAME);
    });
    assertThat(audited.stream().map(e -> e.getJsonObject("details").getString("to")))
        .contains("forced_open", "forced_closed", "closed");
  }

  @Test
  void anUnknownBreakerIsA404ProblemAndCreatesNothing() {
    Response missing = vigil.as(ADMIN).post("/api/breakers/http:nowhere:1/open", new JsonObject());

    assertThat(missing.status()).isEqualTo(404);
    assertThat(missing.header("Content-Type")).startsWith("application/problem+json");
    assertThat(missing.json().getString("detail")).contains("http:nowhere:1");
    assertThat(Breakers.of(vigil.vertx()).find("http:nowhere:1")).isEmpty();
  }
}
