package io.vigil.store;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonObject;
import io.vigil.bus.Address;
import io.vigil.bus.Addresses;
import io.vigil.bus.Commands;
import io.vigil.bus.Facts;
import io.vigil.config.StoreSlice;
import io.vigil.domain.fact.Fact;
import io.vigil.domain.fact.FactView;
import io.vigil.domain.fact.Stamps;
import io.vigil.kit.VertxTimers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Keeps history and the audit log: feeds finished tasks and audited events to the {@link HistoryWriter}, answers
 * the store's read queries, runs retention, and turns the writer's outages and back-pressure into events. Thin: the
 * logic lives in the writer, {@link StoreReads} and {@link RetentionJob}. One instance per node, deployed first and
 * undeployed last so that it sees every fact the others publish.
 */
public final class StoreVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(StoreVerticle.class);
  private static final int RETENTION_MAX_BATCHES = 1_000;

  private final Stores store;
  private final StoreSlice config;
  private final Clock clock;
  private HistoryWriter writer;
  private WriterListener metrics = new WriterListener() {};
  private StoreFacts facts;
  private boolean retentionRunning;
  private boolean overflowing;

  public StoreVerticle(Stores store, StoreSlice config, Clock clock) {
    this.store = store;
    this.config = config;
    this.clock = clock;
  }

  @Override
  public Future<?> start() {
    facts = new StoreFacts(vertx.eventBus(), new Stamps(clock), store.name());
    WriterSettings settings = WriterSettings.from(config.store());
    writer = new HistoryWriter(store, settings, clock, VertxTimers.on(context), new Reporter(settings));
    if (config.metricsEnabled()) metrics = StoreMetrics.bind(writer, store.name());
    StoreReads reads = new StoreReads(store, writer, config.listMax());

    EventBus bus = vertx.eventBus();
    Facts.listen(bus, Addresses.QUEUE_TASKS_FINISHED, finished -> writer.acceptTasks(finished.tasks()));
    for (Address<? extends Fact> address : Addresses.AUDITED) {
      // a cluster-wide fact comes from every node; duplicates are dropped by id
      Facts.listen(bus, address, fact -> writer.acceptEvent(FactView.event(fact)));
    }
    Commands.bind(bus, Addresses.STORE_TASK_GET, (q, m) -> reads.task(q));
    Commands.bind(bus, Addresses.STORE_TASKS_LIST, (q, m) -> reads.tasks(q));
    Commands.bind(bus, Addresses.STORE_EVENTS_LIST, (q, m) -> reads.events(q));
    Commands.bind(bus, Addresses.STORE_HEALTH, (q, m) -> Future.succeededFuture(reads.health(clock.instant())));

    RetentionJob retention = new RetentionJob(store, clock, RetentionPolicy.from(config.store()),
        config.store().retentionBatch(), RETENTION_MAX_BATCHES);
    vertx.setPeriodic(config.store().retentionInterval().toMillis(), id -> runRetention(retention));
    writer.start();
    LOG.info("store writer started on the {} store (batch {}, flush {} ms, back-pressure at {} rows)", store.name(),
        settings.batchSize(), settings.flushInterval().toMillis(), settings.highWater());
    return Future.succeededFuture();
  }

  /** Writes what is buffered while the store answers; what cannot be written is reported, never silently lost. */
  @Override
  public Future<?> stop() {
    return writer.drain().onSuccess(left -> {
      if (left > 0) {
        LOG.error("stopping with {} history/audit row(s) not written: the {} store is unavailable", left, store.name());
      }
    });
  }

  private void runRetention(RetentionJob retention) {
    if (retentionRunning || !writer.isUp()) return;
    retentionRunning = true;
    retention.run().onComplete(done -> {
      retentionRunning = false;
      if (done.succeeded() && done.result().total() > 0) {
        LOG.info("retention deleted rows past their retention, by table: {}", done.result().deleted());
      } else if (done.failed()) {
        LOG.warn("retention did not finish: {}", done.cause().getMessage());
      }
    });
  }

  /** Turns the writer's news into events, logs and metrics. */
  private final class Reporter implements WriterListener {
    private final WriterSettings settings;

    Reporter(WriterSettings settings) {
      this.settings = settings;
    }

    @Override
    public void unavailable(Throwable cause, int buffered) {
      LOG.error("the {} store is unavailable, buffering history and audit rows: {}", store.name(), cause.getMessage());
      facts.unavailable(cause, buffered);
      metrics.unavailable(cause, buffered);
    }

    @Override
    public void restored(Duration downtime, int buffered) {
      LOG.info("the {} store answers again after {} ms; {} row(s) still buffered, flushing in order", store.name(),
          downtime.toMillis(), buffered);
      facts.restored(downtime, buffered);
    }

    @Override
    public void backpressure(boolean active, int buffered) {
      LOG.warn("store back-pressure {} with {} row(s) buffered", active ? "ON" : "off", buffered);
      if (!active) overflowing = false;
      facts.backpressure(active, buffered, settings.highWater(), settings.lowWater());
    }

    @Override
    public void refused(List<? extends Pending> rows, int buffered) {
      LOG.error("the store's buffer is full ({} rows): refused {} row(s), ids {}", buffered, rows.size(),
          rows.stream().map(r -> kind(r) + ":" + r.id()).toList());
      if (!overflowing) {
        overflowing = true;
        facts.overflow(rows.size(), writer.refused(), buffered);
      }
      metrics.refused(rows, buffered);
    }

    @Override
    public void rejected(Pending row, Throwable cause) {
      LOG.error("the {} store refused {} {}; it is not retried: {}", store.name(), kind(row), row.id(),
          cause.getMessage());
      metrics.rejected(row, cause);
    }

    @Override
    public void written(List<Pending> rows, Instant at) {
      metrics.written(rows, at);
    }

    private String kind(Pending row) {
      return row instanceof Pending.TaskRow ? "task" : "event";
    }
  }

  /** Binds a query: a JSON object in, its JSON answer or coded failure out. */
}
