package io.vigil.store;

import io.vigil.testing.Eventually;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonObject;
import io.vigil.bus.Address;
import io.vigil.bus.Addresses;
import io.vigil.bus.Commands;
import io.vigil.bus.Facts;
import io.vigil.bus.BusCodecs;
import io.vigil.bus.Failure;
import io.vigil.bus.FinishedTasks;
import io.vigil.config.StoreSlice;
import io.vigil.domain.Event;
import io.vigil.domain.fact.Fact;
import io.vigil.domain.fact.FactView;
import io.vigil.domain.fact.QueueStateChanged;
import io.vigil.domain.fact.Stamps;
import io.vigil.domain.Priority;
import io.vigil.domain.Severity;
import io.vigil.domain.Task;
import io.vigil.domain.TaskIds;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static io.vigil.testing.Await.failure;
import static io.vigil.testing.Await.result;
import static org.assertj.core.api.Assertions.assertThat;

/** The store verticle on a scripted store: what it keeps, what it answers, and how it lives through an outage. */
class StoreVerticleTest {
  private Vertx vertx;
  private ScriptedStore store;
  private final TaskIds ids = new TaskIds(Clock.systemUTC());
  private final Stamps stamps = new Stamps(Clock.systemUTC());
  private final List<Event> heard = new CopyOnWriteArrayList<>();

  @BeforeEach
  void deploy() {
    vertx = Vertx.vertx();
    BusCodecs.register(vertx.eventBus());
    store = new ScriptedStore();
    var config = TestConfigs.with(Map.of(
        "VIGIL_STORE_FLUSH_INTERVAL_MS", "5", "VIGIL_STORE_BATCH_SIZE", "50",
        "VIGIL_STORE_BUFFER_MAX", "20", "VIGIL_STORE_BUFFER_HARD_MAX", "1000",
        "VIGIL_STORE_RETRY_MAX_MS", "50", "VIGIL_STORE_PING_INTERVAL_MS", "100"));
    for (Address<? extends Fact> address : List.of(Addresses.STORE_UNAVAILABLE, Addresses.STORE_RESTORED,
        Addresses.STORE_BACKPRESSURE_CHANGED)) {
      Facts.listen(vertx.eventBus(), address, fact -> heard.add(FactView.event(fact)));
    }
    result(vertx.deployVerticle(new StoreVerticle(store.stores(), StoreSlice.of(config), Clock.systemUTC())));
  }

  @AfterEach
  void close() {
    result(vertx.close());
  }

  private Task finished() {
    Instant now = Instant.now();
    return Task.create(ids.next(), "default", "noop", "{\"n\":1}", Priority.NORMAL, null, 3, null, now)
        .activated(now).completed("{}", now);
  }

  private List<Task> finish(int n) {
    List<Task> tasks = new ArrayList<>();
    for (int i = 0; i < n; i++) tasks.add(finished());
    Facts.publish(vertx.eventBus(), Addresses.QUEUE_TASKS_FINISHED, new FinishedTasks(tasks));
    return tasks;
  }

  private JsonObject ask(Address<JsonObject> address, JsonObject body) {
    return result(Commands.request(vertx.eventBus(), address, body, new DeliveryOptions().setSendTimeout(5_000)))
        .body();
  }

  private Failure askFailing(Address<JsonObject> address, JsonObject body) {
    return Failure.from(failure(Commands.request(vertx.eventBus(), address, body, new DeliveryOptions().setSendTimeout(5_000))));
  }

  private JsonObject health() {
    return ask(Addresses.STORE_HEALTH, new JsonObject());
  }

  @Test
  void finishedTasksBecomeHistoryThatReadsBackById() {
    Task task = finish(1).get(0);

    Eventually.until("the task is written", () -> store.tasks().size() == 1);
    JsonObject found = ask(Addresses.STORE_TASK_GET, new JsonObject().put("id", task.id()));

    assertThat(found.getString("id")).isEqualTo(task.id());
    assertThat(found.getString("status")).isEqualTo("completed");
    JsonObject list = ask(Addresses.STORE_TASKS_LIST, new JsonObject().put("queue", "default").put("limit", 10));
    assertThat(list.getJsonArray("tasks")).hasSize(1);
  }

  @Test
  void aTaskHistoryDoesNotHaveIsNotFound() {
    Failure failure = askFailing(Addresses.STORE_TASK_GET, new JsonObject().put("id", ids.next()));

    assertThat(failure.status()).isEqualTo(404);
  }

  @Test
  void everyAuditedEventIsKeptWithItsActorAndReasonOnlyOnceEvenIfDelivered() {
    QueueStateChanged paused = new QueueStateChanged(stamps.next(), "default", true, "ops-token", "maintenance");
    Facts.publish(vertx.eventBus(), Addresses.QUEUE_STATE_CHANGED, paused);
    Facts.publish(vertx.eventBus(), Addresses.QUEUE_STATE_CHANGED, paused); // e.g. from another node as well

    Eventually.until("the event is written", () -> health().getLong("written") == 2);
    JsonObject page = ask(Addresses.STORE_EVENTS_LIST, new JsonObject().put("limit", 10));

    assertThat(page.getJsonArray("events")).hasSize(1);
    JsonObject kept = page.getJsonArray("events").getJsonObject(0);
    assertThat(kept.getString("actor")).isEqualTo("ops-token");
    assertThat(kept.getJsonObject("details").getString("reason")).isEqualTo("maintenance");
    assertThat(page.getString("next_cursor")).isNull();
  }

  @Test
  void theEventListingNamesEveryBadField() {
    Failure failure = askFailing(Addresses.STORE_EVENTS_LIST, new JsonObject().put("severity", "loud")
        .put("since", "yesterday").put("limit", 0).put("cursor", "???"));

    assertThat(failure.status()).isEqualTo(422);
    assertThat(failure.errors()).extracting(e -> e.field()).containsExactlyInAnyOrder("severity", "since", "limit",
        "cursor");
  }

  @Test
  void healthNamesTheBackendAndTheBuffer() {
    JsonObject health = health();

    assertThat(health.getString("backend")).isEqualTo("scripted");
    assertThat(health.getBoolean("up")).isTrue();
    assertThat(health.getInteger("buffered")).isZero();
  }

  @Test
  void anOutageIsBufferedReportedAndBackPressuredThenFlushedWithNothingLost() {
    store.mode(ScriptedStore.Mode.DOWN);
    List<Task> sent = new ArrayList<>(finish(5));

    Eventually.until("the outage is reported", () -> heard.stream().anyMatch(e -> e.type().equals("store.unavailable")));
    Event outage = heard.stream().filter(e -> e.type().equals("store.unavailable")).findFirst().orElseThrow();
    assertThat(outage.severity()).isEqualTo(Severity.CRITICAL);
    assertThat(health().getBoolean("up")).isFalse();

    Failure read = askFailing(Addresses.STORE_EVENTS_LIST, new JsonObject());
    assertThat(read.status()).isEqualTo(503);
    assertThat(read.code()).isEqualTo(Failure.Codes.STORE_UNAVAILABLE);
    assertThat(read.retryAfterSeconds()).isPositive();

    sent.addAll(finish(20)); // past the high-water mark of 20
    Eventually.until("back-pressure starts", () -> heard.stream()
        .anyMatch(e -> e.type().equals("store.backpressure.on") && Boolean.TRUE.equals(e.details().get("active"))));
    assertThat(health().getBoolean("backpressure")).isTrue();
    assertThat(health().getInteger("buffered")).isGreaterThanOrEqualTo(25);

    store.mode(ScriptedStore.Mode.UP);

    Eventually.until("the store is restored", () -> heard.stream().anyMatch(e -> e.type().equals("store.restored")));
    Eventually.until("back-pressure ends", () -> heard.stream()
        .anyMatch(e -> e.type().equals("store.backpressure.off") && Boolean.FALSE.equals(e.details().get("active"))));
    Eventually.until("the buffer drains", () -> health().getInteger("buffered") == 0);
    assertThat(store.tasks()).extracting(Task::id)
        .containsExactlyInAnyOrderElementsOf(sent.stream().map(Task::id).toList());
    assertThat(store.events()).extracting(Event::type)
        .contains("store.unavailable", "store.backpressure.on", "store.restored", "store.backpressure.off");
    assertThat(health().getLong("refused")).isZero();
  }
}
