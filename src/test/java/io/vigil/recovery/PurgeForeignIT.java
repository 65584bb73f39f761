package io.vigil.recovery;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import io.vertx.core.json.JsonObject;
import io.vigil.bus.Addresses;
import io.vigil.bus.Facts;
import io.vigil.domain.fact.RecoveryAttemptFinished;
import io.vigil.testing.Eventually;
import io.vigil.testing.Response;
import io.vigil.testing.RunningVigil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code purge-foreign} on a running node against the real RabbitMQ (127.0.0.1:5672, this run's own queues, deleted
 * after): stuck messages moved to the target queue or dropped, each run audited with the queue and the count, and a
 * plan that does not say {@code allow_purge: true} refused at load.
 */
class PurgeForeignIT {
  private static final String AMQP_URL = "amqp://guest:guest@127.0.0.1:5672/%2F";
  private static final String ADMIN = "admin-secret-0123456789abcd";
  private static final Map<String, String> TOKENS = Map.of("VIGIL_AUTH_TOKENS", "night-ops:admin:" + ADMIN,
      "VIGIL_METRICS_ENABLED", "false");

  private final String run = "vigil-it-" + UUID.randomUUID().toString().substring(0, 8);
  private final String queue = run + ".orders";
  private final String stuck = run + ".orders.stuck";
  private final List<RecoveryAttemptFinished> attempts = new CopyOnWriteArrayList<>();
  private Connection rabbit;
  private Channel channel;
  private RunningVigil vigil;
  @TempDir Path dir;

  @BeforeEach
  void queues() throws Exception {
    ConnectionFactory factory = new ConnectionFactory();
    factory.setUri(AMQP_URL);
    rabbit = factory.newConnection("vigil-purge-it");
    channel = rabbit.createChannel();
    channel.queueDeclare(queue, false, false, false, null);
    channel.queueDeclare(stuck, false, false, false, null);
  }

  @AfterEach
  void stop() throws Exception {
    if (vigil != null) vigil.close();
    channel.queueDelete(queue);
    channel.queueDelete(stuck);
    rabbit.close();
  }

  private String config(String action) {
    return """
        components:
          orders:
            probe: {type: amqp, url: "%s", queue: %s, require_consumers: false, interval_ms: 60000}
        recovery:
          plans:
            orders:
              actions:
                - %s
        """.formatted(AMQP_URL, queue, action);
  }

  private void start(String yaml) {
    vigil = RunningVigil.start(yaml, TOKENS).as(ADMIN);
    Facts.listen(vigil.vertx().eventBus(), Addresses.RECOVERY_ATTEMPT_FINISHED, attempts::add);
  }

  private void publish(String body, Instant at) throws Exception {
    channel.basicPublish("", queue, new AMQP.BasicProperties.Builder().timestamp(Date.from(at))
        .headers(Map.of("order", body)).build(), body.getBytes(StandardCharsets.UTF_8));
  }

  private List<String> take(String from) throws Exception {
    List<String> bodies = new ArrayList<>();
    for (GetResponse m; (m = channel.basicGet(from, true)) != null; ) bodies.add(new String(m.getBody(), StandardCharsets.UTF_8));
    return bodies;
  }

  private RecoveryAttemptFinished runPlan() {
    Response started = vigil.post("/api/recovery/orders", new JsonObject().put("reason", "stuck orders"));
    assertThat(started.status()).as(started.toString()).isEqualTo(202);
    return Eventually.await("the purge-foreign attempt", Duration.ofSeconds(20),
        () -> attempts.stream().filter(a -> a.action().equals("purge-foreign")).findFirst(),
        java.util.Optional::isPresent).orElseThrow();
  }

  @Test
  void messagesOlderThanTheLimitAreMovedToTheTargetQueueInOrderAndTheYoungerOnesStay() throws Exception {
    Instant hourAgo = Instant.now().minus(Duration.ofHours(1));
    for (int i = 0; i < 3; i++) publish("old-" + i, hourAgo);
    publish("new-0", Instant.now());
    publish("old-late", hourAgo); // behind a young one: the scan ended before it
    start(config("{action: purge-foreign, allow_purge: true, older_than: 10m, move_to: " + stuck + "}"));

    RecoveryAttemptFinished attempt = runPlan();

    assertThat(attempt.success()).as(attempt.toString()).isTrue();
    assertThat(attempt.result()).isEqualTo("3 stuck message(s) of " + queue + " moved to " + stuck + " (5 were waiting)");
    GetResponse first = channel.basicGet(stuck, true);
    assertThat(new String(first.getBody(), StandardCharsets.UTF_8)).isEqualTo("old-0");
    Map<String, Object> headers = first.getProps().getHeaders();
    assertThat(headers.get("order").toString()).as("headers kept").isEqualTo("old-0");
    assertThat(headers.get("x-vigil-moved-from").toString()).isEqualTo(queue);
    assertThat(headers.get("x-vigil-recovery-attempt").toString()).isEqualTo(attempt.attemptId());
    assertThat(first.getProps().getTimestamp()).as("properties kept").isNotNull();
    assertThat(take(stuck)).containsExactly("old-1", "old-2");
    assertThat(take(queue)).containsExactly("new-0", "old-late");

    assertThat(vigil.get("/api/recovery/attempts?component=orders").json().getJsonArray("attempts").getJsonObject(0)
        .getJsonObject("details").getString("result")).isEqualTo(attempt.result());
    // audited: the run's attempt names the queue and the count
    Eventually.until("the audited attempt", 10_000, () -> vigil.get("/api/events?type=recovery.attempt.finished")
        .json().encode().contains("3 stuck message(s) of " + queue + " moved to " + stuck));
  }

  @Test
  void withPurgeTheOldestBeyondTheDepthAreDroppedAndTheNewestKept() throws Exception {
    for (int i = 0; i < 5; i++) publish("m-" + i, Instant.now());
    start(config("{action: purge-foreign, allow_purge: true, over_depth: 2, purge: true}"));

    RecoveryAttemptFinished attempt = runPlan();

    assertThat(attempt.result()).isEqualTo("3 stuck message(s) of " + queue + " dropped (5 were waiting)");
    assertThat(take(queue)).containsExactly("m-3", "m-4");
    assertThat(take(stuck)).isEmpty();
  }

  @Test
  void aPlanThatDoesNotAllowPurgingIsRefusedAtLoadAndTheRunningPlanStays() throws Exception {
    Path file = dir.resolve("vigil.yaml");
    String allowed = "{action: purge-foreign, allow_purge: true, over_depth: 100, move_to: " + stuck + "}";
    Files.writeString(file, config(allowed));
    vigil = RunningVigil.startWithFile(file, TOKENS).as(ADMIN);
    Files.writeString(file, config(allowed.replace("allow_purge: true, ", "")));

    Response reload = vigil.post("/api/config/reload", "", null);

    assertThat(reload.status()).as(reload.toString()).isEqualTo(422);
    assertThat(reload.body()).contains("recovery.plans.orders.actions[0].allow_purge").contains("off unless");
    assertThat(vigil.config().recovery().plan("orders").orElseThrow().actions().get(0).params())
        .isInstanceOf(io.vigil.config.RecoveryConfig.PurgeForeign.class);
    // and a file that never allowed it does not start
    assertThat(org.assertj.core.api.Assertions.catchThrowableOfType(io.vigil.config.ConfigException.class,
        () -> RunningVigil.start(config("{action: purge-foreign, over_depth: 100, purge: true}"), TOKENS)).problems())
        .anySatisfy(p -> assertThat(p).contains("allow_purge"));
  }
}
