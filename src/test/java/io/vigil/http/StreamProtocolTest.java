package io.vigil.http;

import io.vertx.core.json.JsonObject;
import io.vigil.bus.Addresses;
import io.vigil.bus.Facts;
import io.vigil.domain.fact.ConfigChanged;
import io.vigil.domain.fact.QueueStateChanged;
import io.vigil.domain.fact.Stamps;
import io.vigil.testing.Eventually;
import io.vigil.testing.Response;
import io.vigil.testing.RunningVigil;
import io.vigil.testing.SseClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The live stream at the protocol level, with tokens configured: tickets, ids, resumes, slow clients, the allowlist. */
@DisplayName("The live stream protocol")
class StreamProtocolTest {
  static final String ADMIN = "stream-admin-0123456789abcdef";
  static final String VIEWER = "stream-viewer-0123456789abcdef";
  static final Stamps STAMPS = new Stamps(Clock.systemUTC());
  static RunningVigil vigil;

  @BeforeAll
  static void start() {
    vigil = RunningVigil.start("""
        queue: {stats_interval_ms: 200}
        stream: {heartbeat_ms: 500, client_buffer_bytes: 1048576}
        components:   # no self-probes: their status changes would interleave with the facts these tests count
          vigil-eventloop: {enabled: false}
          vigil-memory: {enabled: false}
          vigil-disk: {enabled: false}
          vigil-queue-default: {enabled: false}
        """, Map.of("VIGIL_AUTH_TOKENS", "ops:admin:" + ADMIN + ",watch:viewer:" + VIEWER));
  }

  @AfterAll
  static void stop() {
    vigil.close();
  }

  static String ticket(String token) {
    Response response = vigil.as(token).post("/api/stream/tickets", new JsonObject());
    assertThat(response.status()).isEqualTo(201);
    assertThat(response.json().getString("expires_at")).isNotBlank();
    return response.json().getString("ticket");
  }

  static SseClient stream(String query, String lastEventId) {
    var request = vigil.as(null).request("/api/events/stream" + query);
    if (lastEventId != null) request.header("Last-Event-ID", lastEventId);
    return SseClient.connect(vigil.client(), request.GET().build());
  }

  /** A queue paused (or resumed) as the queue engine announces it: {@code label} names the queue, the reason pads it. */
  static void queueFact(String label, boolean paused, int paddingBytes) {
    Facts.publish(vigil.vertx().eventBus(), Addresses.QUEUE_STATE_CHANGED,
        new QueueStateChanged(STAMPS.next(), label, paused, "test", "x".repeat(paddingBytes)));
  }

  static String label(SseClient.Event event) {
    return new JsonObject(event.data()).getJsonObject("details").getString("queue");
  }

  @Test
  void theStreamIsRefusedWithoutAValidTicketOrBearerToken() {
    String used = ticket(VIEWER);
    try (SseClient first = stream("?ticket=" + used, null)) {
      assertThat(first.status()).isEqualTo(200);
    }

    assertThat(vigil.as(null).get("/api/events/stream").status()).isEqualTo(401);
    assertThat(vigil.as(null).get("/api/events/stream?ticket=" + used).status()).isEqualTo(401);
    assertThat(vigil.as(null).get("/api/events/stream?ticket=forged.ticket").status()).isEqualTo(401);
    assertThat(vigil.as(null).get("/api/events/stream?ticket=" + used).problemType()).isEqualTo("unauthorized");
    assertThat(vigil.as(null).post("/api/stream/tickets", new JsonObject()).status()).isEqualTo(401);
  }

  @Test
  void aTicketOpensTheStreamAndNothingElse() {
    String ticket = ticket(ADMIN);

    assertThat(vigil.as(null).get("/api/queues?ticket=" + ticket).status()).isEqualTo(401);
    assertThat(vigil.as(null).post("/api/system/stop?ticket=" + ticket, new JsonObject().put("reason", "x")).status())
        .isEqualTo(401);
  }

  @Test
  void whoamiTellsTheTokensNameRoleAndTheRoutesThisNodeServes() {
    JsonObject anonymous = vigil.as(null).get("/api/whoami").json();
    JsonObject viewer = vigil.as(VIEWER).get("/api/whoami").json();

    assertThat(anonymous.getBoolean("auth")).isTrue();
    assertThat(anonymous.getString("role")).isNull();
    assertThat(viewer.getString("name")).isEqualTo("watch");
    assertThat(viewer.getString("role")).isEqualTo("viewer");
    assertThat(viewer.getJsonArray("api").getList()).contains("/api/queues", "/api/tasks/:id", "/api/events/stream");
    assertThat(vigil.as("wrong-token-0123456789").get("/api/whoami").status()).isEqualTo(401);
  }

  @Test
  void theSnapshotComesFirstThenEventsWithConsecutiveIdsAndAResumeGetsExactlyWhatWasMissed() {
    List<Long> ids = new ArrayList<>();
    try (SseClient stream = stream("?ticket=" + ticket(VIEWER), null)) {
      assertThat(stream.next(e -> e.name() != null, Duration.ofSeconds(5)).name()).isEqualTo("snapshot");
      for (int i = 0; i < 3; i++) queueFact("n" + i, true, 10);
      for (int i = 0; i < 3; i++) ids.add(Long.parseLong(stream.next(e -> e.id() != null, Duration.ofSeconds(5)).id()));
    }
    assertThat(ids.get(1)).isEqualTo(ids.get(0) + 1);
    assertThat(ids.get(2)).isEqualTo(ids.get(1) + 1);

    queueFact("while-away", false, 10);
    try (SseClient resumed = stream("?ticket=" + ticket(VIEWER) + "&last_event_id=" + ids.get(0), null)) {
      assertThat(resumed.next(e -> e.name() != null, Duration.ofSeconds(5)).name()).isEqualTo("snapshot");
      List<Long> replayed = new ArrayList<>();
      for (int i = 0; i < 3; i++) replayed.add(Long.parseLong(resumed.next(e -> e.id() != null, Duration.ofSeconds(5)).id()));
      assertThat(replayed).containsExactly(ids.get(1), ids.get(2), ids.get(2) + 1);
    }
  }

  @Test
  void onlyAllowlistedAddressesReachTheStream() {
    try (SseClient stream = stream("?ticket=" + ticket(VIEWER), null)) {
      stream.nextNamed("snapshot");
      Facts.publish(vigil.vertx().eventBus(), Addresses.CONFIG_CHANGED, new ConfigChanged(STAMPS.next(), "not-streamed", "test"));
      vigil.vertx().eventBus().publish("vigil.internal.secret", new JsonObject().put("secret", "not streamed"));
      queueFact("streamed", true, 10);

      SseClient.Event next = stream.next(e -> e.id() != null, Duration.ofSeconds(5));

      assertThat(next.name()).isEqualTo("queue.paused");
      assertThat(label(next)).isEqualTo("streamed");
    }
  }

  @Test
  void aClientThatStopsReadingIsDroppedWithoutSlowingTheOthers() throws IOException {
    int batches = 20;
    int batch = 20;
    int detailBytes = 20_000; // 8 MB in all: far beyond the 1 MiB client buffer and the sockets' own buffers
    try (SseClient fast = stream("?ticket=" + ticket(VIEWER), null); Socket slow = new Socket()) {
      fast.nextNamed("snapshot");
      long withoutSlow = openStreams();
      slow.setReceiveBufferSize(4096);
      slow.connect(new InetSocketAddress("127.0.0.1", vigil.port()));
      OutputStream out = slow.getOutputStream();
      out.write(("GET /api/events/stream?ticket=" + ticket(VIEWER) + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      Eventually.await("the slow client to be connected", Duration.ofSeconds(5), () -> openStreams() == withoutSlow + 1);

      // a batch at a time (400 kB, within the buffer), the next once the reading client has it all
      for (int b = 0; b < batches; b++) {
        for (int i = 0; i < batch; i++) {
          queueFact("bulk-" + b + "." + i, true, detailBytes);
        }
        for (int i = 0; i < batch; i++) {
          SseClient.Event received = fast.next(e -> "queue.paused".equals(e.name()), Duration.ofSeconds(10));
          assertThat(label(received)).isEqualTo("bulk-" + b + "." + i);
        }
      }
      // reading again, it finds its stream cut short: it got what fit in its buffer and the sockets', then the end
      slow.setSoTimeout(10_000);
      long read = 0;
      int ids = 0;
      byte[] chunk = new byte[65536];
      java.io.InputStream in = slow.getInputStream();
      for (int n; (n = in.read(chunk)) > 0; ) {
        read += n;
        for (int i = 0; i + 3 < n; i++) if (chunk[i] == '\n' && chunk[i + 1] == 'i' && chunk[i + 2] == 'd' && chunk[i + 3] == ':') ids++;
      }
      assertThat(ids).as("events the slow client got before it was cut off").isPositive().isLessThan(batches * batch / 2);
      assertThat(read).as("bytes it got: its 1 MiB buffer and what the sockets held").isLessThan(6_000_000);
      Eventually.await("the slow client's stream to close", Duration.ofSeconds(10), () -> openStreams() == withoutSlow);
    }
  }

  /** Open streams of this node, from the metrics. */
  static long openStreams() {
    Matcher m = Pattern.compile("(?m)^vigil_stream_connections(?:\\{[^}]*})? ([0-9.]+)").matcher(vigil.get("/metrics").body());
    assertThat(m.find()).isTrue();
    return (long) Double.parseDouble(m.group(1));
  }
}
