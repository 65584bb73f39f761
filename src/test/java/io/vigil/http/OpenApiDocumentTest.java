package io.vigil.http;

import io.vigil.testing.OpenApiConformance;
import io.vigil.testing.OpenApiConformance.Exchange;
import io.vigil.testing.Response;
import io.vigil.testing.RunningVigil;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("The OpenAPI document")
class OpenApiDocumentTest {
  static final String TASK = """
      {"id":"0190","type":"noop","queue":"default","status":"queued","priority":5,"attempts":0,"max_attempts":5,
       "run_at":"2026-01-01T00:00:00Z","created_at":"2026-01-01T00:00:00Z","updated_at":"2026-01-01T00:00:00Z",
       "payload":{}}""";
  static RunningVigil vigil;

  @BeforeAll
  static void start() {
    vigil = RunningVigil.start("", Map.of("VIGIL_AUTH_TOKENS", "ops:admin:docs-admin-0123456789abc"));
  }

  @AfterAll
  static void stop() {
    vigil.close();
  }

  @Test
  void isServedPubliclyAsYamlAndRenderedBySwaggerUiFromItsWebjar() throws IOException {
    Response yaml = vigil.as(null).get("/api/openapi.yaml");
    Response docs = vigil.as(null).get("/api/docs");
    Response bundle = vigil.as(null).get("/webjars/swagger-ui/swagger-ui-bundle.js");

    assertThat(yaml.status()).isEqualTo(200);
    assertThat(yaml.header("Content-Type")).startsWith("application/yaml");
    try (InputStream in = getClass().getClassLoader().getResourceAsStream("openapi/vigil.yaml")) {
      assertThat(yaml.body()).isEqualTo(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
    assertThat(yaml.body()).startsWith("openapi: 3.1.0");
    assertThat(docs.status()).isEqualTo(200);
    assertThat(docs.body()).contains("/webjars/swagger-ui/swagger-ui-bundle.js", "/api/docs/init.js");
    assertThat(bundle.status()).isEqualTo(200);
    assertThat(vigil.as(null).get("/api/docs/init.js").body()).contains("/api/openapi.yaml");
  }

  @Test
  void aConformingAnswerPasses() {
    assertThat(OpenApiConformance.violations(new Exchange("GET", "/api/tasks/0190", 200, "application/json", TASK))).isEmpty();
    assertThat(OpenApiConformance.violations(new Exchange("POST", "/api/tasks", 202, "application/json", TASK))).isEmpty();
  }

  @Test
  void aFieldOfTheWrongShapeIsCaught() {
    String bad = TASK.replace("\"status\":\"queued\"", "\"status\":\"sleeping\"").replace("\"attempts\":0", "\"attempts\":\"zero\"");

    assertThat(OpenApiConformance.violations(new Exchange("GET", "/api/tasks/0190", 200, "application/json", bad)))
        .hasSize(2).anySatisfy(v -> assertThat(v).contains("status")).anySatisfy(v -> assertThat(v).contains("attempts"));
  }

  @Test
  void anUndocumentedRouteStatusOrContentTypeIsCaught() {
    assertThat(OpenApiConformance.violations(new Exchange("GET", "/api/widgets", 200, "application/json", "{}")))
        .singleElement().asString().contains("no operation");
    assertThat(OpenApiConformance.violations(new Exchange("POST", "/api/tasks", 204, "application/json", TASK)))
        .singleElement().asString().contains("content type application/json is not documented");
    assertThat(OpenApiConformance.violations(new Exchange("GET", "/api/queues", 200, "text/plain", "x")))
        .singleElement().asString().contains("content type text/plain");
  }

  @Test
  void anErrorMustBeAProblemDocument() {
    String problem = "{\"type\":\"urn:vigil:problem:not-found\",\"title\":\"Not found\",\"status\":404,"
        + "\"detail\":\"no task\",\"instance\":\"/api/tasks/x\"}";

    assertThat(OpenApiConformance.violations(new Exchange("GET", "/api/tasks/x", 404, "application/problem+json", problem)))
        .isEmpty();
    assertThat(OpenApiConformance.violations(new Exchange("GET", "/api/nothing", 404, "application/problem+json", problem)))
        .isEmpty();
    assertThat(OpenApiConformance.violations(new Exchange("GET", "/api/tasks/x", 404, "application/problem+json", "{}")))
        .isNotEmpty();
  }
}
