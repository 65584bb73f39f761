package io.vigil.store;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vertx.micrometer.backends.BackendRegistries;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The writer on /metrics: rows buffered, written, refused (buffer full) and rejected (bad data), whether the store
 * is up, and how long rows wait in the buffer. A no-op when metrics are off.
 */
final class StoreMetrics implements WriterListener {
  private final Counter writtenRows;
  private final Counter refusedRows;
  private final Counter rejectedRows;
  private final Counter outages;
  private final Timer bufferWait;

  private StoreMetrics(MeterRegistry registry, HistoryWriter writer, String backend) {
    Gauge.builder("vigil_store_buffered_rows", writer, HistoryWriter::buffered).tag("backend", backend)
        .description("rows waiting to be written").register(registry);
    Gauge.builder("vigil_store_up", writer, w -> w.isUp() ? 1 : 0).tag("backend", backend)
        .description("1 while the store answers").register(registry);
    Gauge.builder("vigil_store_backpressure", writer, w -> w.backpressure() ? 1 : 0).tag("backend", backend)
        .description("1 while consumers are asked to pause").register(registry);
    writtenRows = Counter.builder("vigil_store_written_rows").tag("backend", backend)
        .description("rows written to the store").register(registry);
    refusedRows = Counter.builder("vigil_store_refused_rows").tag("backend", backend)
        .description("rows the full buffer did not take").register(registry);
    rejectedRows = Counter.builder("vigil_store_rejected_rows").tag("backend", backend)
        .description("rows the store refused as invalid").register(registry);
    outages = Counter.builder("vigil_store_outages").tag("backend", backend)
        .description("times the store became unreachable").register(registry);
    bufferWait = Timer.builder("vigil_store_buffer_wait").tag("backend", backend)
        .description("time the oldest row of each written batch waited in the buffer")
        .publishPercentiles(0.5, 0.99).register(registry);
  }

  /** Metrics for this writer, or a listener that does nothing when there is no registry. */
  static WriterListener bind(HistoryWriter writer, String backend) {
    MeterRegistry registry = BackendRegistries.getDefaultNow();
    return registry == null ? new WriterListener() {} : new StoreMetrics(registry, writer, backend);
  }

  @Override
  public void unavailable(Throwable cause, int buffered) {
    outages.increment();
  }

  @Override
  public void refused(List<? extends Pending> rows, int buffered) {
    refusedRows.increment(rows.size());
  }

  @Override
  public void rejected(Pending row, Throwable cause) {
    rejectedRows.increment();
  }

  @Override
  public void written(List<Pending> rows, Instant at) {
    writtenRows.increment(rows.size());
    // one sample per batch, its oldest (first) row: the longest wait in it. Per row, the timer's percentile
    // histogram was ~1 us of every finished task on the one-at-a-time path (docs/performance.md, fix 8)
    if (!rows.isEmpty()) bufferWait.record(Duration.between(rows.get(0).arrived(), at));
  }
}
