package io.vigil.bench;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * N SSE clients on one Vigil node while it processes tasks (bench/sse-bench.sh starts the node):
 * fan-out latency (event time → received by each client) p50 / p99, memory per connected client (the node's RSS),
 * and the task throughput the clients cost (tasks completed per second without and with them).
 *
 * Usage: SseFanoutBench baseUrl clients events loadSeconds vigilPid
 */
public final class SseFanoutBench {
  public static void main(String[] args) throws Exception {
    URI base = URI.create(args[0]);
    int clients = Integer.parseInt(args[1]);
    int events = Integer.parseInt(args[2]);
    int seconds = Integer.parseInt(args[3]);
    long pid = Long.parseLong(args[4]);
    Vertx vertx = Vertx.vertx();
    HttpClient http = vertx.createHttpClient(new HttpClientOptions().setDefaultHost(base.getHost())
        .setDefaultPort(base.getPort()).setKeepAlive(true), new PoolOptions().setHttp1MaxSize(clients + 16));

    load(http, seconds); // warm-up: JIT and pools, measured runs start equal
    double alone = load(http, seconds);
    long rssBefore = rssKb(pid);
    ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
    CountDownLatch connected = new CountDownLatch(clients);
    for (int i = 0; i < clients; i++) {
      http.request(new RequestOptions().setMethod(HttpMethod.GET).setURI("/api/events/stream"))
          .compose(req -> req.send()).onSuccess(res -> {
            StringBuilder pending = new StringBuilder();
            res.handler((Buffer chunk) -> {
              long now = System.currentTimeMillis();
              pending.append(chunk.toString());
              int end;
              while ((end = pending.indexOf("\n\n")) >= 0) {
                String event = pending.substring(0, end);
                pending.delete(0, end + 2);
                if (event.contains("event: snapshot")) connected.countDown();
                int data = event.indexOf("data: ");
                if (event.startsWith("id:") && data >= 0) {
                  String time = new JsonObject(event.substring(data + 6)).getString("time");
                  latencies.add(now - Instant.parse(time).toEpochMilli());
                }
              }
            });
          });
    }
    if (!connected.await(120, TimeUnit.SECONDS)) throw new IllegalStateException("clients did not all connect");
    Thread.sleep(2000);
    long rssAfter = rssKb(pid);

    Future<Double> withClients = vertx.executeBlocking(() -> load(http, seconds), false);
    long gapMs = Math.max(10, seconds * 1000L / Math.max(1, events));
    for (int i = 0; i < events; i++) {
      String action = i % 2 == 0 ? "pause" : "resume";
      send(http, HttpMethod.POST, "/api/queues/bench-events/" + action, new JsonObject().put("reason", "bench"));
      Thread.sleep(gapMs);
    }
    double busy = withClients.toCompletionStage().toCompletableFuture().get();
    Thread.sleep(2000);

    List<Long> sorted = new ArrayList<>(latencies);
    Collections.sort(sorted);
    System.out.printf("clients=%d events=%d delivered=%d/%d fanout_p50_ms=%d fanout_p99_ms=%d fanout_max_ms=%d "
            + "rss_per_client_kb=%.1f tasks_per_s_alone=%.0f tasks_per_s_with_clients=%.0f throughput_lost_pct=%.1f%n",
        clients, events, sorted.size(), (long) clients * events, pct(sorted, 50), pct(sorted, 99),
        sorted.isEmpty() ? -1 : sorted.get(sorted.size() - 1), (rssAfter - rssBefore) / (double) clients, alone, busy,
        alone <= 0 ? 0 : 100 * (alone - busy) / alone);
    vertx.close();
  }

  /**
   * Submits noop tasks in batches of 100 for {@code seconds}, waits until the queue has drained, and answers the
   * tasks accepted (and so run) per second over the whole time.
   */
  static double load(HttpClient http, int seconds) throws Exception {
    long start = System.nanoTime();
    AtomicLong accepted = new AtomicLong();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    JsonArray batch = new JsonArray();
    for (int i = 0; i < 100; i++) batch.add(new JsonObject().put("type", "noop"));
    AtomicLong inFlight = new AtomicLong();
    while (System.nanoTime() < deadline) {
      if (inFlight.get() >= 8) { Thread.sleep(1); continue; }
      inFlight.incrementAndGet();
      send(http, HttpMethod.POST, "/api/tasks/batch", new JsonObject().put("tasks", batch))
          .onSuccess(answer -> accepted.addAndGet(answer.getLong("accepted", 0L)))
          .onComplete(done -> inFlight.decrementAndGet());
    }
    while (inFlight.get() > 0) Thread.sleep(5);
    while (backlog(http) > 0) Thread.sleep(20);
    return accepted.get() / ((System.nanoTime() - start) / 1e9); // accepted, and all of them run: the queue drained
  }

  static JsonObject defaultQueue(HttpClient http) throws Exception {
    JsonObject queues = send(http, HttpMethod.GET, "/api/queues/default", null).toCompletionStage().toCompletableFuture().get();
    return queues;
  }

  static long backlog(HttpClient http) throws Exception {
    JsonObject q = defaultQueue(http);
    return q.getLong("waiting") + q.getLong("active") + q.getLong("retrying");
  }

  static Future<JsonObject> send(HttpClient http, HttpMethod method, String uri, JsonObject body) {
    return http.request(new RequestOptions().setMethod(method).setURI(uri).putHeader("Content-Type", "application/json"))
        .compose(req -> body == null ? req.send() : req.send(body.toBuffer()))
        .compose(res -> res.body().map(b -> b.length() == 0 ? new JsonObject() : new JsonObject(b)));
  }

  static long pct(List<Long> sorted, int p) {
    return sorted.isEmpty() ? -1 : sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
  }

  static long rssKb(long pid) throws Exception {
    return Files.readAllLines(Path.of("/proc/" + pid + "/status")).stream().filter(l -> l.startsWith("VmRSS:"))
        .mapToLong(l -> Long.parseLong(l.replaceAll("\\D", ""))).findFirst().orElse(-1);
  }
}
