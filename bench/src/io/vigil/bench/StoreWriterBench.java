package io.vigil.bench;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vigil.domain.Priority;
import io.vigil.domain.Task;
import io.vigil.domain.TaskIds;
import io.vigil.kit.VertxTimers;
import io.vigil.store.HistoryWriter;
import io.vigil.store.Pending;
import io.vigil.store.WriterListener;
import io.vigil.store.WriterSettings;
import io.vigil.store.Stores;
import io.vigil.store.pg.PgStores;
import io.vigil.store.pg.PgTarget;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * How fast the history writer puts finished tasks into PostgreSQL, and how long a row waits in its buffer.
 *
 * <p>Phase "store": {@code TaskHistoryStore.saveTasks} (pg) back to back, one batch at a time, then {@code in_flight} at a time
 * (the writer's ceiling).
 * Phase "writer": finished tasks offered at a fixed rate (as the queue publishes them) through the real
 * {@link HistoryWriter} on an event loop, with the configured batch size and flush interval; reports rows/s
 * written and the p50/p99/max time rows waited in the buffer.
 *
 * <p>Usage: {@code java -cp target/vigil.jar:bench/out io.vigil.bench.StoreWriterBench [rate/s] [seconds]
 * [batch] [flush_ms] [in_flight]} with {@code VIGIL_BENCH_PG_URL} (default postgresql://postgres@127.0.0.1:5432/test); it
 * makes and drops its own database.
 */
public final class StoreWriterBench {
  private static final String PAYLOAD = "{\"order_id\":\"A-1029384\",\"customer\":\"c-88231\",\"lines\":[{\"sku\":\"SKU-1\","
      + "\"qty\":2,\"price\":19.99},{\"sku\":\"SKU-7\",\"qty\":1,\"price\":5.5}],\"target\":\"https://erp.example.com/sync\"}";
  private static final String RESULT = "{\"status\":200,\"synced\":true}";
  private static final int CLAIM_BATCH = 100;

  public static void main(String[] args) throws Exception {
    int rate = args.length > 0 ? Integer.parseInt(args[0]) : 50_000;
    int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 15;
    int batch = args.length > 2 ? Integer.parseInt(args[2]) : 500;
    int flushMs = args.length > 3 ? Integer.parseInt(args[3]) : 200;
    int inFlight = args.length > 4 ? Integer.parseInt(args[4]) : 4;
    String adminUrl = System.getenv().getOrDefault("VIGIL_BENCH_PG_URL", "postgresql://postgres@127.0.0.1:5432/test");

    PgTarget admin = PgTarget.parse(adminUrl);
    String db = "vigil_bench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    sql(admin, "CREATE DATABASE " + db);
    String url = adminUrl.replaceFirst("/[^/?]*(\\?|$)", "/" + db + "$1");
    Vertx vertx = Vertx.vertx();
    try {
      Stores store = PgStores.create(vertx, url, 8);
      await(store.migrate());
      System.out.printf("store bench: PostgreSQL %s, batch %d, %d write(s) in flight, flush %d ms, offered %d rows/s "
          + "for %d s%n", admin, batch, inFlight, flushMs, rate, seconds);
      storePhase(store, batch, Math.min(seconds, 10));
      concurrentStorePhase(vertx, store, batch, inFlight, Math.min(seconds, 10));
      writerPhase(vertx, store, rate, seconds, batch, flushMs, inFlight);
      await(store.close());
    } finally {
      await(vertx.close());
      sql(admin, "DROP DATABASE IF EXISTS " + db + " WITH (FORCE)");
    }
  }

  /** saveTasks back to back: the most one in-flight batch at a time can do. */
  private static void storePhase(Stores store, int batch, int seconds) throws Exception {
    TaskIds ids = new TaskIds(Clock.systemUTC());
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    long rows = 0;
    long start = System.nanoTime();
    List<Long> latencies = new ArrayList<>();
    while (System.nanoTime() < end) {
      List<Task> tasks = new ArrayList<>(batch);
      for (int i = 0; i < batch; i++) tasks.add(finished(ids));
      long t0 = System.nanoTime();
      await(store.history().saveTasks(tasks));
      latencies.add(System.nanoTime() - t0);
      rows += batch;
    }
    double secs = (System.nanoTime() - start) / 1e9;
    long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
    System.out.printf("store  : %,d rows in %.1f s = %,.0f rows/s (batch %d; statement p50 %.1f ms, p99 %.1f ms)%n",
        rows, secs, rows / secs, batch, pct(sorted, 0.50) / 1e6, pct(sorted, 0.99) / 1e6);
  }

  /** saveTasks with {@code inFlight} batches at once, on the event loop. */
  private static void concurrentStorePhase(Vertx vertx, Stores store, int batch, int inFlight, int seconds)
      throws Exception {
    TaskIds ids = new TaskIds(Clock.systemUTC());
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    long start = System.nanoTime();
    long[] rows = {0};
    List<Future<Void>> loops = new ArrayList<>();
    Context context = vertx.getOrCreateContext();
    Promise<Void> all = Promise.promise();
    context.runOnContext(v -> {
      for (int i = 0; i < inFlight; i++) loops.add(loop(store, ids, batch, end, rows));
      Future.all(loops).onComplete(done -> all.complete());
    });
    await(all.future());
    double secs = (System.nanoTime() - start) / 1e9;
    System.out.printf("store x%d: %,d rows in %.1f s = %,.0f rows/s (batch %d)%n", inFlight, rows[0], secs,
        rows[0] / secs, batch);
  }

  private static Future<Void> loop(Stores store, TaskIds ids, int batch, long end, long[] rows) {
    if (System.nanoTime() >= end) return Future.succeededFuture();
    List<Task> tasks = new ArrayList<>(batch);
    for (int i = 0; i < batch; i++) tasks.add(finished(ids));
    return store.history().saveTasks(tasks).compose(v -> {
      rows[0] += batch;
      return loop(store, ids, batch, end, rows);
    });
  }

  /** Finished tasks offered at {@code rate} through the real writer on an event loop. */
  private static void writerPhase(Vertx vertx, Stores store, int rate, int seconds, int batch, int flushMs,
                                  int inFlight) throws Exception {
    Clock clock = Clock.systemUTC();
    TaskIds ids = new TaskIds(clock);
    long[] waitsMicros = new long[rate * (seconds + 5) + 10_000];
    int[] waitCount = {0};
    long[] written = {0};
    int[] maxBuffered = {0};
    WriterSettings settings = new WriterSettings(batch, inFlight, Duration.ofMillis(flushMs), 10_000_000, 5_000_000, 20_000_000,
        Duration.ofMillis(200), Duration.ofSeconds(10), Duration.ofSeconds(10), Duration.ofSeconds(5));
    // as in Vigil: the queue (here a producer on its own event loop) publishes FinishedTasks on the bus, the
    // writer consumes them on the store verticle's event loop
    io.vigil.bus.BusCodecs.register(vertx.eventBus());
    Context context = vertx.getOrCreateContext();
    Context producer = vertx.getOrCreateContext();
    HistoryWriter[] writer = new HistoryWriter[1];
    Promise<Void> ready = Promise.promise();
    Promise<Void> produced = Promise.promise();
    long tickMs = 5;
    int perTick = Math.max(1, (int) (rate * tickMs / 1000));
    long[] offered = {0};
    long[] startNanos = new long[1];
    context.runOnContext(v -> {
      writer[0] = new HistoryWriter(store, settings, clock, VertxTimers.on(context), new WriterListener() {
        @Override
        public void written(List<Pending> rows, Instant at) {
          written[0] += rows.size();
          for (Pending row : rows) {
            Duration wait = Duration.between(row.arrived(), at);
            if (waitCount[0] < waitsMicros.length) waitsMicros[waitCount[0]++] = wait.toNanos() / 1_000;
          }
          maxBuffered[0] = Math.max(maxBuffered[0], writer[0].buffered());
        }
      });
      writer[0].start();
      io.vigil.bus.Facts.listen(vertx.eventBus(), io.vigil.bus.Addresses.QUEUE_TASKS_FINISHED,
          finished -> writer[0].acceptTasks(finished.tasks())).completion().onComplete(done -> ready.complete());
    });
    await(ready.future());
    producer.runOnContext(v -> {
      startNanos[0] = System.nanoTime();
      long endNanos = startNanos[0] + TimeUnit.SECONDS.toNanos(seconds);
      vertx.setPeriodic(tickMs, id -> {
        long now = System.nanoTime();
        if (now >= endNanos) {
          vertx.cancelTimer(id);
          produced.tryComplete();
          return;
        }
        // catch up to the schedule, so a late tick does not lower the offered rate
        long due = (now - startNanos[0]) * rate / 1_000_000_000L;
        int n = (int) Math.max(0, Math.min(due - offered[0], perTick * 20L));
        offered[0] += n;
        for (int sent = 0; sent < n; sent += CLAIM_BATCH) { // one message per settled claim batch, as the queue does
          List<Task> tasks = new ArrayList<>(CLAIM_BATCH);
          for (int i = 0; i < Math.min(CLAIM_BATCH, n - sent); i++) tasks.add(finished(ids));
          io.vigil.bus.Facts.publish(vertx.eventBus(), io.vigil.bus.Addresses.QUEUE_TASKS_FINISHED,
              new io.vigil.bus.FinishedTasks(tasks));
        }
      });
    });
    await(produced.future());
    double offeredSecs = (System.nanoTime() - startNanos[0]) / 1e9;
    long writtenAtEnd = callOn(context, () -> written[0]);
    int left = callOn(context, () -> writer[0].buffered());
    // let the tail drain, for the wait statistics of every row
    long drainStart = System.nanoTime();
    while (callOn(context, () -> writer[0].buffered()) > 0 && System.nanoTime() - drainStart < 30_000_000_000L) {
      Thread.sleep(20);
    }
    long[] waits = Arrays.copyOf(waitsMicros, callOn(context, () -> waitCount[0]));
    Arrays.sort(waits);
    System.out.printf("writer : offered %,d rows in %.1f s (%,.0f rows/s); written %,.0f rows/s while offered; "
            + "%,d still buffered at the end (max buffered %,d)%n",
        offered[0], offeredSecs, offered[0] / offeredSecs, writtenAtEnd / offeredSecs, left, maxBuffered[0]);
    System.out.printf("buffer wait: p50 %.1f ms, p99 %.1f ms, max %.1f ms (%,d rows)%n",
        pct(waits, 0.50) / 1e3, pct(waits, 0.99) / 1e3, waits.length == 0 ? 0 : waits[waits.length - 1] / 1e3,
        waits.length);
  }

  private static Task finished(TaskIds ids) {
    Instant now = Instant.now();
    return Task.create(ids.next(), "default", "erp.sync", PAYLOAD, Priority.NORMAL, null, 5, null, now)
        .activated(now).completed(RESULT, now);
  }

  private static double pct(long[] sorted, double p) {
    if (sorted.length == 0) return 0;
    return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
  }

  private static <T> T callOn(Context context, java.util.concurrent.Callable<T> call) throws Exception {
    Promise<T> promise = Promise.promise();
    context.runOnContext(v -> {
      try {
        promise.complete(call.call());
      } catch (Exception e) {
        promise.fail(e);
      }
    });
    return await(promise.future());
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(120, TimeUnit.SECONDS);
  }

  private static void sql(PgTarget target, String statement) throws SQLException {
    try (Connection c = target.dataSource().getConnection(); Statement s = c.createStatement()) {
      s.execute(statement);
    }
  }
}
