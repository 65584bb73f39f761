package io.vigil.bench;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vigil.app.Vigil;
import io.vigil.config.ConfigSource;
import io.vigil.config.LoadedConfig;
import io.vigil.domain.Severity;
import io.vigil.domain.alarm.AlarmEngine;
import io.vigil.domain.alarm.AlarmRule;
import io.vigil.domain.alarm.Comparison;
import io.vigil.domain.alarm.LabelMatcher;
import io.vigil.domain.alarm.Labels;
import io.vigil.domain.alarm.Routing;
import io.vigil.domain.alarm.Sample;
import io.vigil.notify.ChannelConfigs;
import io.vigil.queue.handler.HandlerRegistry;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Issue 16's numbers. (1) A threshold crossed ({@code for: 0}) until the {@code firing} event on the SSE stream, and
 * (2) until the message reaches a local webhook receiver: a Vigil node in this JVM with a rule on {@code queue.backlog
 * > 0} of a paused queue; each trial submits one task (the crossing; the clock starts before the request is sent),
 * waits for both, then cancels the task and waits for the resolve before the next; each trial crosses at a random
 * moment of the statistics round. The breach is seen on the next
 * statistics round ({@code queue.stats_interval_ms}, 1 s by default), so the expected latency is half a round plus
 * Vigil's own path. Prometheus + Alertmanager with their defaults take 1 to 1.5 minutes for the same (evaluation
 * interval + {@code group_wait}). (3) Rule evaluation cost: the pure engine with 1,000 rules over 100 queues, fed one
 * statistics round (5 metrics x 100 queues) at a time, CPU per round — the rules spread over the queues (10 each)
 * and the worst case (every rule on every queue's backlog).
 *
 * <p>Usage: {@code java -cp target/vigil.jar:bench/out io.vigil.bench.AlarmBench [--trials 1000] [--warmup 20]
 * [--stats-ms 1000] [--rounds 20000]}
 */
public final class AlarmBench {
  private AlarmBench() {}

  public static void main(String[] args) throws Exception {
    int trials = BenchSupport.intArg(args, "--trials", 1_000);
    int warmup = BenchSupport.intArg(args, "--warmup", 20);
    int statsMs = BenchSupport.intArg(args, "--stats-ms", 1_000);
    int rounds = BenchSupport.intArg(args, "--rounds", 20_000);
    if (trials > 0) latency(trials, warmup, statsMs);
    if (rounds > 0) {
      evaluation(rounds, false);
      evaluation(rounds, true);
    }
    System.exit(0);
  }

  // ---- (1) and (2): end to end on a node ------------------------------------------------------------------

  private static void latency(int trials, int warmup, int statsMs) throws Exception {
    Vertx receiverVertx = Vertx.vertx();
    BlockingQueue<Long> received = new LinkedBlockingQueue<>();
    HttpServer receiver = receiverVertx.createHttpServer().requestHandler(req -> req.body().onSuccess(body -> {
      if (body.toString().contains("\"status\":\"firing\"")) received.add(System.nanoTime());
      req.response().end("ok");
    })).listen(0, "127.0.0.1").await();
    int port = BenchSupport.freePort();
    String yaml = """
        http: {port: %d, instances: 1}
        queue: {stats_interval_ms: %d}
        queues:
          bench: {}
        task_types:
          noop: {handler: noop, queue: bench}
        notifications:
          channels:
            bench-hook: {type: webhook, url_env: VIGIL_BENCH_HOOK_URL, signing_key_env: VIGIL_BENCH_HOOK_KEY}
        alarms:
          default_rules: false
          rules:
            bench-backlog:
              metric: queue.backlog
              match: {queue: bench}
              comparison: ">"
              threshold: 0
              group_window: 0s
              reminder: {initial: 0s}
              channels: [bench-hook]
              annotations: {summary: "bench backlog {{value}}"}
        """.formatted(port, statsMs);
    LoadedConfig loaded = ConfigSource.ofText(yaml, "bench", Map.of(
            "VIGIL_BENCH_HOOK_URL", "http://127.0.0.1:" + receiver.actualPort() + "/hook",
            "VIGIL_BENCH_HOOK_KEY", "bench-signing-key-0123456789"), HandlerRegistry.availableNames())
        .withChecks(List.of(ChannelConfigs.check())).load();
    Vigil vigil = Vigil.start(loaded, Clock.systemUTC()).await();
    HttpClient http = HttpClient.newHttpClient();
    String base = "http://127.0.0.1:" + port;
    BlockingQueue<Long> firedAt = new LinkedBlockingQueue<>();
    BlockingQueue<String> resolved = new LinkedBlockingQueue<>();
    Thread stream = new Thread(() -> readStream(http, base, firedAt, resolved), "sse");
    stream.setDaemon(true);
    stream.start();
    try {
      post(http, base + "/api/queues/bench/pause", "{\"reason\":\"bench\"}");
      long[] toStream = new long[trials];
      long[] toHook = new long[trials];
      for (int i = -warmup; i < trials; i++) {
        received.clear();
        firedAt.clear();
        // cross at a random moment of the statistics round, or every trial would land just after the last one
        Thread.sleep(java.util.concurrent.ThreadLocalRandom.current().nextInt(statsMs));
        long t0 = System.nanoTime();
        String id = new io.vertx.core.json.JsonObject(post(http, base + "/api/tasks", "{\"type\":\"noop\"}"))
            .getString("id");
        Long sse = firedAt.poll(30, TimeUnit.SECONDS);
        Long hook = received.poll(30, TimeUnit.SECONDS);
        if (sse == null || hook == null) throw new IllegalStateException("trial " + i + ": no firing seen");
        if (i >= 0) {
          toStream[i] = sse - t0;
          toHook[i] = hook - t0;
        }
        http.send(HttpRequest.newBuilder(URI.create(base + "/api/tasks/" + id)).DELETE().build(),
            HttpResponse.BodyHandlers.discarding());
        if (resolved.poll(30, TimeUnit.SECONDS) == null) throw new IllegalStateException("trial " + i + ": no resolve");
      }
      report("threshold crossed -> firing on the SSE stream", toStream, 1_000);
      report("threshold crossed -> message at the webhook receiver", toHook, 1_500);
      new BenchSupport.Result("alarm-latency").put("trials", trials).put("stats_interval_ms", statsMs)
          .put("sse_p50_ms", pct(toStream, 50)).put("sse_p99_ms", pct(toStream, 99))
          .put("hook_p50_ms", pct(toHook, 50)).put("hook_p99_ms", pct(toHook, 99)).print();
    } finally {
      vigil.close().await();
      receiverVertx.close().await();
    }
  }

  private static void readStream(HttpClient http, String base, BlockingQueue<Long> firedAt,
                                 BlockingQueue<String> resolved) {
    try {
      HttpResponse<java.io.InputStream> response = http.send(HttpRequest.newBuilder(URI.create(base
          + "/api/events/stream")).build(), HttpResponse.BodyHandlers.ofInputStream());
      try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = lines.readLine()) != null) {
          if (line.equals("event: alarm.firing")) firedAt.add(System.nanoTime());
          if (line.equals("event: alarm.resolved")) resolved.add(line);
        }
      }
    } catch (Exception e) {
      System.err.println("stream ended: " + e.getMessage());
    }
  }

  private static String post(HttpClient http, String url, String body) throws Exception {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type",
        "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() >= 300) throw new IllegalStateException(url + " answered " + r.statusCode() + ": " + r.body());
    return r.body();
  }

  private static void report(String what, long[] nanos, long targetMs) {
    System.out.printf("%s, %d trials: p50 %.0f ms, p90 %.0f ms, p99 %.0f ms, max %.0f ms (target p99 <= %d ms)%n",
        what, nanos.length, pct(nanos, 50), pct(nanos, 90), pct(nanos, 99), pct(nanos, 100), targetMs);
  }

  private static double pct(long[] nanos, int p) {
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    int at = Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1);
    return sorted[Math.max(0, at)] / 1e6;
  }

  // ---- (3): the engine alone -----------------------------------------------------------------------------

  private static void evaluation(int rounds, boolean worstCase) {
    int queues = 100;
    List<AlarmRule> rules = new ArrayList<>();
    for (int i = 0; i < 1_000; i++) {
      AlarmRule.Builder rule = AlarmRule.builder("rule-" + i).metric(i % 2 == 0 ? "queue.backlog" : "queue.error_rate")
          .when(Comparison.GT, 1e12).severity(Severity.WARNING).summary("{{queue}}");
      if (worstCase) rule.metric("queue.backlog");
      else rule.match(LabelMatcher.eq("queue", "q" + (i % queues)));
      rules.add(rule.build());
    }
    AlarmEngine engine = new AlarmEngine(rules, Routing.NONE, Clock.systemUTC());
    String[] metrics = {"queue.backlog", "queue.error_rate", "queue.idle_seconds", "queue.oldest_age_seconds",
        "queue.dead_letters"};
    Labels[] labels = new Labels[queues];
    for (int q = 0; q < queues; q++) labels[q] = Labels.of("queue", "q" + q);
    int warm = Math.max(1_000, rounds / 10);
    long cpu = 0;
    for (int r = -warm; r < rounds; r++) {
      List<Sample> round = new ArrayList<>(queues * metrics.length);
      Instant at = Instant.now();
      for (int q = 0; q < queues; q++) {
        for (String metric : metrics) round.add(new Sample(metric, labels[q], q + r % 7, at));
      }
      long c0 = BenchSupport.threadCpuNanos();
      engine.onSamples(round);
      long c1 = BenchSupport.threadCpuNanos();
      if (r >= 0) cpu += c1 - c0;
    }
    double perRound = cpu / 1e3 / rounds;
    String shape = worstCase ? "1,000 rules all on queue.backlog of every queue (100,000 matcher checks a round)"
        : "1,000 rules, 10 per queue over 100 queues";
    System.out.printf("rule evaluation, %s: %.1f us CPU per statistics round of %d samples (%d rounds)%n", shape,
        perRound, queues * metrics.length, rounds);
    new BenchSupport.Result(worstCase ? "alarm-eval-worst" : "alarm-eval").put("rules", 1_000).put("queues", queues)
        .put("cpu_us_per_round", perRound).print();
  }
}
