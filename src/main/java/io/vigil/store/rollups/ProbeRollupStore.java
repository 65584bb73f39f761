package io.vigil.store.rollups;

import io.vertx.core.Future;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Per-component, per-minute probe roll-ups: what uptime and latency history are computed from. Written by the probe
 * verticle in batches (one statement per batch, however many components); each roll-up merges into its minute.
 * A window covers every minute that overlaps {@code [from, to)}: the minute holding {@code from} counts whole.
 * Contract: {@code ProbeRollupStoreContract}.
 */
public interface ProbeRollupStore {

  /** Merges each roll-up into its stored (component, minute), or stores it when there is none. */
  Future<Void> merge(List<ProbeRollup> rollups);

  /** One component's minutes in the window, oldest first. */
  Future<List<ProbeRollup>> list(String component, Instant from, Instant to);

  /** One component's uptime over the window (zero checks when it has none). */
  Future<Uptime> uptime(String component, Instant from, Instant to);

  /** Every component with checks in the window, by component. */
  Future<Map<String, Uptime>> uptimes(Instant from, Instant to);

  /** Deletes at most {@code max} roll-ups of minutes that started before {@code cutoff}. */
  Future<Integer> deleteBefore(Instant cutoff, int max);
}
