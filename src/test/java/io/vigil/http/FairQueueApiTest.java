package io.vigil.http;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vigil.testing.Response;
import io.vigil.testing.RunningVigil;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Fair queues through the API")
class FairQueueApiTest {
  static RunningVigil vigil;

  @BeforeAll
  static void start() {
    vigil = RunningVigil.start("""
        queues:
          default: {}
          tenants: {group_rate_limit_per_second: 5, group_concurrency: 2}
        task_types:
          report: {queue: tenants}
        """);
    // held: the tasks stay queued, so the group statistics are what was submitted
    assertThat(vigil.post("/api/queues/tenants/pause", new JsonObject()).status()).isEqualTo(200);
  }

  @AfterAll
  static void stop() {
    vigil.close();
  }

  @Test
  void aSubmittedTaskCarriesItsGroupAndTheQueueListsItsGroupsByBacklog() {
    Response one = vigil.post("/api/tasks", new JsonObject().put("type", "report").put("group", "acme"));
    assertThat(one.status()).isEqualTo(202);
    String id = one.json().getString("id");
    assertThat(vigil.get("/api/tasks/" + id).json().getString("group")).isEqualTo("acme");

    JsonArray batch = new JsonArray();
    for (int i = 0; i < 3; i++) batch.add(new JsonObject().put("type", "report").put("group", "globex"));
    batch.add(new JsonObject().put("type", "report"));
    assertThat(vigil.post("/api/tasks/batch", new JsonObject().put("tasks", batch)).status()).isEqualTo(202);

    JsonObject groups = vigil.get("/api/queues/tenants/groups?limit=5").json();
    assertThat(groups.getDouble("group_rate_limit_per_second")).isEqualTo(5.0);
    assertThat(groups.getInteger("group_concurrency")).isEqualTo(2);
    assertThat(groups.getJsonArray("groups")).containsExactly(
        new JsonObject().put("group", "globex").put("waiting", 3), new JsonObject().put("group", "acme").put("waiting", 1));
    assertThat(vigil.get("/api/queues/tenants/groups?limit=1").json().getJsonArray("groups")).hasSize(1);
    assertThat(vigil.get("/api/queues/tenants").json().getLong("waiting")).isEqualTo(5);
  }

  @Test
  void aBadGroupIsAProblemNamingTheField() {
    for (Object bad : new Object[] {"", "has space", "x".repeat(129), "{q:other}", 42}) {
      Response response = vigil.post("/api/tasks", new JsonObject().put("type", "report").put("group", bad));

      assertThat(response.status()).as("group %s", bad).isEqualTo(422);
      assertThat(response.header("Content-Type")).isEqualTo("application/problem+json");
      assertThat(response.json().getJsonArray("errors").getJsonObject(0).getString("field")).isEqualTo("group");
    }
  }

  @Test
  void groupsOfAnUnknownQueueAreNotFoundAndABadLimitIsAProblem() {
    assertThat(vigil.get("/api/queues/nope/groups").problemType()).isEqualTo("not-found");
    assertThat(vigil.get("/api/queues/tenants/groups?limit=0").status()).isEqualTo(422);
    assertThat(vigil.get("/api/queues/default/groups").json().getJsonArray("groups")).isEmpty();
  }
}
