package io.vigil.http;

import io.vertx.core.json.JsonObject;
import io.vigil.testing.Eventually;
import io.vigil.testing.RunningVigil;
import io.vigil.testing.SseClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("The live event stream")
class EventStreamTest {
  static RunningVigil vigil;

  @BeforeAll
  static void start() {
    vigil = RunningVigil.start("""
        queue: {stats_interval_ms: 200}
        stream: {heartbeat_ms: 200}
        queues:
          default: {}
          a: {}
          b: {}
        """);
  }

  @AfterAll
  static void stop() {
    vigil.close();
  }

  static SseClient connect(String lastEventId) {
    var request = vigil.request("/api/events/stream");
    if (lastEventId != null) request.header("Last-Event-ID", lastEventId);
    return SseClient.connect(vigil.client(), request.GET().build());
  }

  @Test
  void theStreamOpensWithASnapshotOfTheQueuesTheModeAndTheBreakers() {
    try (SseClient stream = connect(null)) {
      assertThat(stream.status()).isEqualTo(200);
      assertThat(stream.contentType()).startsWith("text/event-stream");

      SseClient.Event first = stream.next(e -> e.name() != null, Duration.ofSeconds(5));

      assertThat(first.name()).isEqualTo("snapshot");
      JsonObject snapshot = new JsonObject(first.data());
      assertThat(snapshot.getJsonArray("queues")).hasSize(3);
      assertThat(snapshot.getJsonObject("mode").getString("mode")).isEqualTo("async_queue");
      assertThat(snapshot.getJsonArray("breakers")).as("no http task type, no breaker yet").isEmpty();
      assertThat(snapshot.containsKey("unavailable")).isFalse();
    }
  }

  @Test
  void anOperatorActionArrivesAsAnEventWithAnIdTheActorAndTheReason() {
    try (SseClient stream = connect(null)) {
      stream.nextNamed("snapshot");
      vigil.post("/api/queues/a/pause", new JsonObject().put("reason", "maintenance"));

      SseClient.Event paused = stream.nextNamed("queue.paused");

      assertThat(paused.id()).isNotBlank();
      JsonObject data = new JsonObject(paused.data());
      assertThat(data.getString("actor")).isEqualTo("anonymous");
      assertThat(data.getString("severity")).isEqualTo("warning");
      assertThat(data.getJsonObject("details").getString("reason")).isEqualTo("maintenance");
      vigil.post("/api/queues/a/resume", new JsonObject());
    }
  }

  @Test
  void aClientResumingWithLastEventIdGetsOnlyWhatItMissed() {
    String seen;
    try (SseClient stream = connect(null)) {
      stream.nextNamed("snapshot");
      vigil.post("/api/queues/b/pause", new JsonObject());
      seen = stream.nextNamed("queue.paused").id();
    }
    vigil.post("/api/queues/b/resume", new JsonObject().put("reason", "while away"));

    try (SseClient resumed = connect(seen)) {
      resumed.nextNamed("snapshot");
      SseClient.Event missed = resumed.next(e -> e.id() != null, Duration.ofSeconds(5));

      assertThat(missed.name()).isEqualTo("queue.resumed");
      assertThat(Long.parseLong(missed.id())).isGreaterThan(Long.parseLong(seen));
      assertThat(new JsonObject(missed.data()).getJsonObject("details").getString("reason")).isEqualTo("while away");
    }
  }

  @Test
  void heartbeatCommentsKeepAnIdleStreamAlive() {
    try (SseClient stream = connect(null)) {
      SseClient.Event heartbeat = stream.next(e -> "heartbeat".equals(e.comment()), Duration.ofSeconds(5));

      assertThat(heartbeat.comment()).isEqualTo("heartbeat");
    }
  }

  @Test
  void queueStatisticsArriveLiveWithoutIdsWhenTheQueuesMove() {
    try (SseClient stream = connect(null)) {
      stream.nextNamed("snapshot");
      // an unchanged round is published only every 10 s: a task makes the next round differ
      vigil.post("/api/tasks", new JsonObject().put("type", "noop").put("payload", new JsonObject()));
      SseClient.Event stats = stream.nextNamed("queue.stats");

      assertThat(stats.id()).isNull();
      assertThat(new JsonObject(stats.data()).getJsonArray("queues")).hasSize(3);
    }
  }

  @Test
  void closingAStreamUnsubscribesIt() {
    long before = streamSubscribers();
    List<SseClient> streams = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      SseClient stream = connect(null);
      stream.nextNamed("snapshot");
      streams.add(stream);
    }
    assertThat(streamSubscribers()).isEqualTo(before + 3);

    streams.forEach(SseClient::close);

    Eventually.await("the stream consumers to unregister", Duration.ofSeconds(5), () -> streamSubscribers() == before);
  }

  /** Open streams, from the metrics. */
  private static long streamSubscribers() {
    Matcher m = Pattern.compile("(?m)^vigil_stream_connections(?:\\{[^}]*})? ([0-9.]+)").matcher(vigil.get("/metrics").body());
    assertThat(m.find()).as("vigil_stream_connections is exported").isTrue();
    return (long) Double.parseDouble(m.group(1));
  }
}
