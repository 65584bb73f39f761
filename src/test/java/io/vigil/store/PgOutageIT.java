package io.vigil.store;

import io.vigil.testing.Eventually;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vigil.bus.Address;
import io.vigil.bus.Addresses;
import io.vigil.bus.Facts;
import io.vigil.domain.Event;
import io.vigil.domain.fact.Fact;
import io.vigil.domain.fact.FactView;
import io.vigil.domain.Severity;
import io.vigil.domain.alarm.AlarmState;
import io.vigil.domain.alarm.DefaultRules;
import io.vigil.domain.fact.AlarmStateChanged;
import io.vigil.store.pg.PgTestDatabase;
import io.vigil.testing.Response;
import io.vigil.testing.RunningVigil;
import io.vigil.testing.TcpProxy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import static io.vigil.testing.Await.result;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Vigil on the real PostgreSQL, reached through a TCP proxy that the test cuts: history and audit rows are buffered,
 * the outage is reported and readiness degrades, the queue is held back, reads answer 503, and once PostgreSQL is
 * back every row is in its table exactly once.
 */
class PgOutageIT {
  private static final String OPS_SECRET = "ops-secret-0123456789abc";
  private static final int HIGH_WATER = 60;

  private PgTestDatabase database;
  private TcpProxy proxy;
  private RunningVigil vigil;
  private final List<Event> storeEvents = new CopyOnWriteArrayList<>();
  private final List<AlarmStateChanged> alarms = new CopyOnWriteArrayList<>();

  @BeforeEach
  void startVigilThroughAProxy() {
    database = PgTestDatabase.create();
    var target = database.target().options();
    proxy = TcpProxy.start(target.getHost(), target.getPort());
    vigil = RunningVigil.start("", Map.ofEntries(
        Map.entry("VIGIL_AUTH_TOKENS", "night-ops:operator:" + OPS_SECRET),
        Map.entry("VIGIL_PG_URL", database.urlVia(proxy.host(), proxy.port())),
        Map.entry("VIGIL_PG_POOL_SIZE", "4"),
        Map.entry("VIGIL_STORE_BATCH_SIZE", "50"),
        Map.entry("VIGIL_STORE_FLUSH_INTERVAL_MS", "20"),
        Map.entry("VIGIL_STORE_BUFFER_MAX", String.valueOf(HIGH_WATER)),
        Map.entry("VIGIL_STORE_RETRY_MAX_MS", "300"),
        Map.entry("VIGIL_STORE_PING_INTERVAL_MS", "200"),
        Map.entry("VIGIL_STORE_WRITE_TIMEOUT_MS", "2000"),
        Map.entry("VIGIL_METRICS_ENABLED", "false")));
    for (Address<? extends Fact> address : List.of(Addresses.STORE_UNAVAILABLE, Addresses.STORE_RESTORED,
        Addresses.STORE_BACKPRESSURE_CHANGED, Addresses.QUEUE_STATE_CHANGED)) {
      Facts.listen(vigil.vertx().eventBus(), address, fact -> storeEvents.add(FactView.event(fact)));
    }
    Facts.listen(vigil.vertx().eventBus(), Addresses.ALARM_STATE_CHANGED, alarms::add);
  }

  @AfterEach
  void stop() {
    proxy.restore();
    vigil.close();
    proxy.close();
    database.close();
  }

  private List<String> submit(int n) {
    JsonArray tasks = new JsonArray();
    for (int i = 0; i < n; i++) tasks.add(new JsonObject().put("type", "noop").put("payload", new JsonObject().put("i", i)));
    Response answer = vigil.as(OPS_SECRET).post("/api/tasks/batch", new JsonObject().put("tasks", tasks));
    assertThat(answer.status()).isEqualTo(202);
    List<String> ids = new ArrayList<>();
    answer.json().getJsonArray("tasks").forEach(item -> ids.add(((JsonObject) item).getJsonObject("task").getString("id")));
    return ids;
  }

  private JsonObject check(String id) {
    return vigil.as(OPS_SECRET).get("/health/ready").json().getJsonArray("checks").stream().map(JsonObject.class::cast)
        .filter(c -> c.getString("id").equals(id)).findFirst().orElseThrow();
  }

  private boolean storeBuffering(AlarmState state) {
    return alarms.stream().anyMatch(a -> a.rule().equals(DefaultRules.STORE_BUFFERING) && a.to() == state);
  }

  private boolean heard(String type) {
    return storeEvents.stream().anyMatch(e -> e.type().equals(type));
  }

  private Set<String> column(String sql) {
    Set<String> values = new HashSet<>();
    try (Connection c = database.target().dataSource().getConnection(); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) values.add(rs.getString(1));
    } catch (SQLException e) {
      throw new AssertionError(sql, e);
    }
    return values;
  }

  @Test
  void anOutageLosesNothingAndEveryBufferedRowIsStoredExactlyOnceAfterwards() {
    List<String> submitted = new ArrayList<>(submit(20));
    Eventually.until("history before the outage", () -> database.number("SELECT count(*) FROM tasks") == 20);

    proxy.cut();
    vigil.as(OPS_SECRET).post("/api/queues/default/pause", new JsonObject().put("reason", "outage drill"));
    vigil.as(OPS_SECRET).post("/api/queues/default/resume", new JsonObject().put("reason", "drill over"));

    // the outage is noticed, reported as CRITICAL, and readiness degrades (still UP: Vigil works on)
    Eventually.until("store.unavailable is published", () -> heard("store.unavailable"));
    assertThat(storeEvents.stream().filter(e -> e.type().equals("store.unavailable")).findFirst().orElseThrow()
        .severity()).isEqualTo(Severity.CRITICAL);
    JsonObject store = check("store");
    assertThat(store.getString("status")).isEqualTo("UP");
    assertThat(store.getJsonObject("data").getString("state")).isEqualTo("DEGRADED");
    assertThat(store.getJsonObject("data").getBoolean("up")).isFalse();

    // reads that need the store answer 503 problem+json with Retry-After
    Response events = vigil.as(OPS_SECRET).get("/api/events");
    assertThat(events.status()).isEqualTo(503);
    assertThat(events.header("Content-Type")).startsWith("application/problem+json");
    assertThat(events.json().getString("type")).isEqualTo("urn:vigil:problem:store-unavailable");
    assertThat(events.header("Retry-After")).isNotNull();
    assertThat(vigil.as(OPS_SECRET).get("/api/tasks?source=history").status()).isEqualTo(503);

    // finished tasks pile up in the buffer until back-pressure stops the queue from claiming
    submitted.addAll(submit(100));
    Eventually.until("back-pressure starts", () -> heard("store.backpressure.on"));
    Eventually.until("the queue stops claiming",
        () -> !check("queue").getJsonObject("data").getBoolean("consuming", true));
    int buffered = check("store").getJsonObject("data").getInteger("buffered");
    assertThat(buffered).isGreaterThanOrEqualTo(HIGH_WATER);
    // the alarm engine samples the held rows while the store is down (it starts on the outage, not on a poll)
    Eventually.until("the store-buffering alarm pends", () -> storeBuffering(AlarmState.PENDING));

    List<String> held = submit(30);
    submitted.addAll(held);
    JsonObject queue = vigil.as(OPS_SECRET).get("/api/queues/default").json();
    assertThat(queue.getInteger("waiting")).as("tasks wait while history cannot be written").isGreaterThanOrEqualTo(30);

    // PostgreSQL returns: the buffer is flushed in order, back-pressure ends, the held tasks run
    proxy.restore();
    Eventually.until("store.restored is published", 20_000, () -> heard("store.restored"));
    Eventually.until("back-pressure ends", 20_000, () -> heard("store.backpressure.off"));
    Eventually.until("every task is in history", 20_000,
        () -> database.number("SELECT count(*) FROM tasks") == submitted.size());
    Eventually.until("the buffer is empty", () -> check("store").getJsonObject("data").getInteger("buffered") == 0);
    Eventually.until("the store-buffering alarm resolves", () -> storeBuffering(AlarmState.RESOLVED));

    assertThat(column("SELECT id::text FROM tasks")).containsExactlyInAnyOrderElementsOf(submitted);
    assertThat(database.number("SELECT count(*) FROM tasks WHERE status = 'completed'")).isEqualTo(submitted.size());
    Set<String> heardIds = new HashSet<>(storeEvents.stream().map(Event::id).toList());
    assertThat(column("SELECT id::text FROM audit_events")).containsAll(heardIds);
    // the node's own leadership (it leads itself from its start, before these listeners) is audited too, and so are
    // its self-probes' status changes, the alarms the outage opens and the store's recovery plan it starts (how many
    // depends on when their checks fall)
    assertThat(database.number(
        "SELECT count(*) FROM audit_events WHERE type NOT IN ('cluster.leader.changed', 'component.status.changed')"
            + " AND type NOT LIKE 'alarm.%' AND type NOT LIKE 'notification.%' AND type NOT LIKE 'recovery.%'"))
        .isEqualTo(heardIds.size());
    assertThat(column("SELECT type FROM audit_events")).contains("store.unavailable", "store.backpressure.on",
        "store.restored", "store.backpressure.off", "queue.paused", "queue.resumed");
    assertThat(column("SELECT actor || ' / ' || (details->>'reason') FROM audit_events WHERE type = 'queue.paused'"))
        .containsExactly("night-ops / outage drill");
    assertThat(check("store").getJsonObject("data").getLong("refused")).isZero();
    assertThat(vigil.as(OPS_SECRET).get("/api/events?type=store.unavailable").json().getJsonArray("events")).hasSize(1);
  }

  @Test
  void terminatedBackendConnectionsAreRetriedWithoutLosingRows() {
    List<String> submitted = new ArrayList<>(submit(50));
    Eventually.until("the first rows are stored", () -> database.number("SELECT count(*) FROM tasks") > 0);

    database.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + database.name()
        + "' AND pid <> pg_backend_pid()");
    submitted.addAll(submit(50));

    Eventually.until("every task is in history", 20_000,
        () -> database.number("SELECT count(*) FROM tasks") == submitted.size());
    assertThat(column("SELECT id::text FROM tasks")).containsExactlyInAnyOrderElementsOf(submitted);
  }
}
