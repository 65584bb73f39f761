package io.vigil.store;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** What the history writer tells the world: the store verticle turns these into events, logs and metrics. */
public interface WriterListener {
  /** The store stopped answering (first failure of an outage). */
  default void unavailable(Throwable cause, int buffered) {}

  /** The store answers again after {@code downtime}; the buffer is being flushed in order. */
  default void restored(Duration downtime, int buffered) {}

  /** The buffer crossed its high-water mark (active) or drained below its low-water mark. */
  default void backpressure(boolean active, int buffered) {}

  /** The buffer is at its hard limit and did not take these rows. */
  default void refused(List<? extends Pending> rows, int buffered) {}

  /** The store refused this row on its own (bad data); it is not retried. */
  default void rejected(Pending row, Throwable cause) {}

  /** These rows are stored. */
  default void written(List<Pending> rows, Instant at) {}
}
