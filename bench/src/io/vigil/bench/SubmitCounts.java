package io.vigil.bench;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vigil.app.Vigil;
import io.vigil.config.ConfigLoader;
import io.vigil.config.VigilConfig;
import io.vigil.queue.handler.HandlerRegistry;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * What one {@code POST /api/tasks} costs in counts, which a busy machine does not change (issue 13): a node started in
 * process (bundled defaults, or {@code --config FILE} over them), {@code --requests N} submissions with 8 in flight
 * from a client on its own Vert.x to warm up, then N more counted — the event-bus messages sent or published and
 * delivered per request, by address (event-bus interceptors), and the bytes the node's threads allocated per request.
 * Compiled against whichever jar is on the class path, so the same source measures an older build too.
 *
 * <p>Usage: {@code java -cp target/vigil.jar:bench/out io.vigil.bench.SubmitCounts [--requests 20000] [--config FILE]}
 */
public final class SubmitCounts {
  private static final String BODY = "{\"type\":\"noop\",\"payload\":{\"order\":12345,\"sku\":\"A-1\",\"qty\":2}}";
  private static final Map<String, LongAdder> SENT = new ConcurrentHashMap<>();
  private static final Map<String, LongAdder> DELIVERED = new ConcurrentHashMap<>();
  private static volatile boolean counting;

  private SubmitCounts() {}

  public static void main(String[] args) throws Exception {
    int n = BenchSupport.intArg(args, "--requests", 20_000);
    String yaml = "";
    for (int i = 0; i + 1 < args.length; i++) {
      if (args[i].equals("--config")) yaml = Files.readString(Path.of(args[i + 1]));
    }
    int port = BenchSupport.freePort();
    VigilConfig config = ConfigLoader.fromYaml(yaml + "\nhttp: {port: " + port + "}\n", "bench", Map.of(),
        HandlerRegistry.availableNames());
    Vigil vigil = Vigil.start(config, Clock.systemUTC()).await();
    vigil.vertx().eventBus().addOutboundInterceptor(ctx -> {
      if (counting) count(SENT, ctx.message().address(), ctx.message().isSend());
      ctx.next();
    });
    vigil.vertx().eventBus().addInboundInterceptor(ctx -> {
      if (counting) count(DELIVERED, ctx.message().address(), ctx.message().isSend());
      ctx.next();
    });
    Set<Long> nodeThreads = new HashSet<>(); // every thread the node has before the client's start
    for (long id : ManagementFactory.getThreadMXBean().getAllThreadIds()) nodeThreads.add(id);
    long[] ids = nodeThreads.stream().mapToLong(Long::longValue).toArray();
    Vertx client = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
    HttpClientAgent http = client.createHttpClient(new HttpClientOptions().setDefaultHost("127.0.0.1")
        .setDefaultPort(port), new PoolOptions().setHttp1MaxSize(8));

    submit(http, n);
    drained(http);
    com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long before = Arrays.stream(threads.getThreadAllocatedBytes(ids)).filter(b -> b > 0).sum();
    counting = true;
    submit(http, n);
    drained(http);
    counting = false;
    long after = Arrays.stream(threads.getThreadAllocatedBytes(ids)).filter(b -> b > 0).sum();

    System.out.printf(Locale.ROOT, "%,d requests after %,d to warm up: %,.0f bytes allocated per request by the node's threads%n",
        n, n, (after - before) / (double) n);
    print("sent or published per request", SENT, n);
    print("delivered per request (a publish once per listener)", DELIVERED, n);
    client.close().await();
    vigil.close().await();
  }

  private static void count(Map<String, LongAdder> into, String address, boolean send) {
    String name = address.startsWith("__vertx.reply.") ? "(reply)" : address;
    into.computeIfAbsent(name + (send ? " send" : " publish"), k -> new LongAdder()).increment();
  }

  private static void print(String title, Map<String, LongAdder> counts, int n) {
    System.out.println("-- " + title);
    counts.entrySet().stream().sorted(Comparator.comparingLong(e -> -e.getValue().sum()))
        .forEach(e -> System.out.printf(Locale.ROOT, "  %8.3f  %s%n", e.getValue().sum() / (double) n, e.getKey()));
  }

  private static void submit(HttpClientAgent http, int n) throws InterruptedException {
    Semaphore inFlight = new Semaphore(8);
    CountDownLatch done = new CountDownLatch(n);
    AtomicInteger failed = new AtomicInteger();
    for (int i = 0; i < n; i++) {
      inFlight.acquire();
      http.request(HttpMethod.POST, "/api/tasks")
          .compose(request -> request.putHeader("Content-Type", "application/json").send(BODY))
          .compose(response -> response.statusCode() < 300 ? response.body() : io.vertx.core.Future.failedFuture(
              "status " + response.statusCode()))
          .onComplete(result -> {
            if (result.failed()) failed.incrementAndGet();
            inFlight.release();
            done.countDown();
          });
    }
    done.await();
    if (failed.get() > 0) System.out.println(failed.get() + " requests failed");
  }

  /** Waits until the queue has run everything submitted, so its settling and history writes count too. */
  private static void drained(HttpClientAgent http) throws InterruptedException {
    for (int i = 0; i < 600; i++) {
      String stats = http.request(HttpMethod.GET, "/api/queues/default")
          .compose(request -> request.send().compose(HttpClientResponse::body)).await().toString();
      if (stats.contains("\"waiting\":0,") && stats.contains("\"active\":0,")) return;
      Thread.sleep(50);
    }
  }
}
