package io.vigil.http;

import io.vertx.core.json.JsonObject;
import io.vigil.testing.Eventually;
import io.vigil.testing.Response;
import io.vigil.testing.RunningVigil;
import io.vigil.testing.TargetServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code http.public_status}: whether the editors' page can read {@code GET /api/status} without a token, and what a
 * caller without one is shown (the verdict and its sentence, not the component ids and suggested actions).
 */
@DisplayName("The status without a token")
class PublicStatusTest {
  static final String VIEWER = "status-viewer-0123456789abcdef";
  static final String YAML = """
      http: {public_status: %s}
      components:
        billing:
          name: Billing
          critical: true
          suggested_action: {unhealthy: "Call the billing team"}
          probe: {type: http, url: "%s", interval_ms: 200, timeout_ms: 200, failure_threshold: 1}
      """;

  @Nested
  @DisplayName("with http.public_status: true")
  class Public {
    static TargetServer billing;
    static RunningVigil vigil;

    @BeforeAll
    static void start() {
      billing = TargetServer.start().answer(503, "{}");
      vigil = RunningVigil.start(YAML.formatted(true, billing.url("/")), Map.of("VIGIL_AUTH_TOKENS", "watch:viewer:" + VIEWER));
      Eventually.await("billing to be down", Duration.ofSeconds(10),
          () -> vigil.as(VIEWER).get("/api/status").json().getJsonArray("components_down").contains("billing"));
    }

    @AfterAll
    static void stop() {
      vigil.close();
      billing.close();
    }

    @Test
    void aCallerWithoutATokenGetsTheVerdictAndItsSentenceButNotTheComponentIdsOrActions() {
      Response anonymous = vigil.as(null).get("/api/status");

      assertThat(anonymous.status()).isEqualTo(200);
      JsonObject status = anonymous.json();
      assertThat(status.getBoolean("can_publish")).isFalse();
      assertThat(status.getString("message")).startsWith("Billing has been down since");
      assertThat(status.fieldNames()).doesNotContain("components_down", "suggested_actions");
    }

    @Test
    void aCallerWithATokenStillGetsEverythingAndABadTokenIsStillRefused() {
      JsonObject status = vigil.as(VIEWER).get("/api/status").json();

      assertThat(status.getJsonArray("suggested_actions").getJsonObject(0).getString("action")).isEqualTo("Call the billing team");
      assertThat(vigil.as("not-a-token-0123456789").get("/api/status").status()).isEqualTo(401);
    }

    @Test
    void whoamiTellsAPageWithoutATokenThatTheStatusIsPublic() {
      JsonObject me = vigil.as(null).get("/api/whoami").json();

      assertThat(me.getString("role")).isNull();
      assertThat(me.getJsonArray("public").getList()).containsExactly("/api/status");
    }

    @Test
    void everyOtherApiRouteStillNeedsAToken() {
      assertThat(vigil.as(null).get("/api/components").status()).isEqualTo(401);
      assertThat(vigil.as(null).get("/api/version").status()).isEqualTo(401);
    }
  }

  @Nested
  @DisplayName("by default")
  class Private {
    static TargetServer billing;
    static RunningVigil vigil;

    @BeforeAll
    static void start() {
      billing = TargetServer.start();
      vigil = RunningVigil.start("components: {}", Map.of("VIGIL_AUTH_TOKENS", "watch:viewer:" + VIEWER));
    }

    @AfterAll
    static void stop() {
      vigil.close();
      billing.close();
    }

    @Test
    void theStatusNeedsATokenAndWhoamiListsNothingPublic() {
      assertThat(vigil.as(null).get("/api/status").status()).isEqualTo(401);
      assertThat(vigil.as(null).get("/api/whoami").json().getJsonArray("public")).isEmpty();
      assertThat(vigil.as(VIEWER).get("/api/status").status()).isEqualTo(200);
    }
  }
}
