package io.vigil.store.pg;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import io.vigil.domain.health.HealthStatus;
import io.vigil.store.rollups.LatencyHistogram;
import io.vigil.store.rollups.ProbeRollup;
import io.vigil.store.rollups.ProbeRollupStore;
import io.vigil.store.rollups.Uptime;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Roll-ups in {@code probe_rollups}. A batch is one {@code INSERT ... SELECT FROM unnest(...) ON CONFLICT DO UPDATE}
 * that merges each row into its minute in SQL (counts add, the max and the worst status win, histogram buckets add);
 * uptime is summed by PostgreSQL over the primary key.
 */
final class PgProbeRollupStore implements ProbeRollupStore {
  private static final String RANKS = "ARRAY['healthy', 'degraded', 'unknown', 'unhealthy']";
  private static final String MERGE = """
      INSERT INTO probe_rollups (component, minute, checks, failures, worst_status, latency_max_ms, latency_sum_ms,
                                 latency_buckets)
      SELECT component, minute, checks, failures, worst_status, latency_max_ms, latency_sum_ms, buckets::int4[]
      FROM unnest($1::text[], $2::timestamptz[], $3::int8[], $4::int8[], $5::text[], $6::float8[], $7::float8[],
                  $8::text[])
        AS r(component, minute, checks, failures, worst_status, latency_max_ms, latency_sum_ms, buckets)
      ON CONFLICT (component, minute) DO UPDATE SET
        checks = probe_rollups.checks + EXCLUDED.checks,
        failures = probe_rollups.failures + EXCLUDED.failures,
        worst_status = (%1$s)[GREATEST(array_position(%1$s, probe_rollups.worst_status),
                                       array_position(%1$s, EXCLUDED.worst_status))],
        latency_max_ms = GREATEST(probe_rollups.latency_max_ms, EXCLUDED.latency_max_ms),
        latency_sum_ms = probe_rollups.latency_sum_ms + EXCLUDED.latency_sum_ms,
        latency_buckets = ARRAY(
          SELECT coalesce(a, 0) + coalesce(b, 0)
          FROM unnest(probe_rollups.latency_buckets, EXCLUDED.latency_buckets) WITH ORDINALITY AS u(a, b, i)
          ORDER BY i)""".formatted(RANKS);
  private static final String COLUMNS = "component, minute, checks, failures, worst_status, latency_max_ms, "
      + "latency_sum_ms, latency_buckets";

  private final PgDatabase db;

  PgProbeRollupStore(PgDatabase db) {
    this.db = db;
  }

  @Override
  public Future<Void> merge(List<ProbeRollup> rollups) {
    if (rollups.isEmpty()) return Future.succeededFuture();
    // one row per (component, minute) — a statement cannot update a row twice — in key order, so two nodes merging
    // overlapping batches lock rows in the same order and never deadlock
    Map<String, ProbeRollup> merged = new LinkedHashMap<>();
    for (ProbeRollup r : rollups) merged.merge(r.component() + '\u0000' + r.minute(), r, ProbeRollup::merge);
    List<ProbeRollup> rows = new ArrayList<>(merged.values());
    rows.sort(Comparator.comparing(ProbeRollup::component).thenComparing(ProbeRollup::minute));
    return db.run(() -> PgDatabase.inChunks(rows,
        chunk -> db.pool().preparedQuery(MERGE).execute(arrays(chunk)).mapEmpty()));
  }

  @Override
  public Future<List<ProbeRollup>> list(String component, Instant from, Instant to) {
    return db.run(() -> db.pool().preparedQuery("SELECT " + COLUMNS
            + " FROM probe_rollups WHERE component = $1 AND minute >= $2 AND minute < $3 ORDER BY minute")
        .mapping(PgProbeRollupStore::rollup).execute(window(component, from, to)).map(PgDatabase::list));
  }

  @Override
  public Future<Uptime> uptime(String component, Instant from, Instant to) {
    return db.run(() -> db.pool().preparedQuery("""
            SELECT coalesce(sum(checks), 0)::int8, coalesce(sum(failures), 0)::int8 FROM probe_rollups
            WHERE component = $1 AND minute >= $2 AND minute < $3""")
        .execute(window(component, from, to))
        .map(rows -> {
          Row row = rows.iterator().next();
          return new Uptime(component, from, to, row.getLong(0), row.getLong(1));
        }));
  }

  @Override
  public Future<Map<String, Uptime>> uptimes(Instant from, Instant to) {
    return db.run(() -> db.pool().preparedQuery("""
            SELECT component, sum(checks)::int8, sum(failures)::int8 FROM probe_rollups
            WHERE minute >= $1 AND minute < $2 GROUP BY component""")
        .execute(Tuple.of(PgRows.time(firstMinute(from)), PgRows.time(to)))
        .map(rows -> {
          Map<String, Uptime> uptimes = new TreeMap<>();
          for (Row row : rows) {
            uptimes.put(row.getString(0), new Uptime(row.getString(0), from, to, row.getLong(1), row.getLong(2)));
          }
          return uptimes;
        }));
  }

  @Override
  public Future<Integer> deleteBefore(Instant cutoff, int max) {
    return db.run(() -> db.pool().preparedQuery("""
            DELETE FROM probe_rollups WHERE (component, minute) IN (
              SELECT component, minute FROM probe_rollups WHERE minute < $1 LIMIT $2)""")
        .execute(Tuple.of(PgRows.time(cutoff), max)).map(RowSet::rowCount));
  }

  private static Tuple window(String component, Instant from, Instant to) {
    return Tuple.of(component, PgRows.time(firstMinute(from)), PgRows.time(to));
  }

  /** The start of the minute holding {@code from}: a window counts every minute it overlaps. */
  private static Instant firstMinute(Instant from) {
    return from.truncatedTo(ChronoUnit.MINUTES);
  }

  private static Tuple arrays(List<ProbeRollup> rows) {
    int n = rows.size();
    String[] component = new String[n], worst = new String[n], buckets = new String[n];
    OffsetDateTime[] minute = new OffsetDateTime[n];
    Long[] checks = new Long[n], failures = new Long[n];
    Double[] max = new Double[n], sum = new Double[n];
    for (int i = 0; i < n; i++) {
      ProbeRollup r = rows.get(i);
      component[i] = r.component();
      minute[i] = PgRows.time(r.minute());
      checks[i] = r.checks();
      failures[i] = r.failures();
      worst[i] = r.worst().wireName();
      max[i] = r.latencyMaxMs();
      sum[i] = r.latencySumMs();
      StringBuilder text = new StringBuilder("{");
      for (int c : r.latencies().counts()) text.append(text.length() > 1 ? "," : "").append(c);
      buckets[i] = text.append('}').toString();
    }
    return Tuple.wrap(new Object[] {component, minute, checks, failures, worst, max, sum, buckets});
  }

  private static ProbeRollup rollup(Row row) {
    Integer[] stored = row.getArrayOfIntegers(7);
    int[] counts = new int[stored.length];
    for (int i = 0; i < stored.length; i++) counts[i] = stored[i];
    return new ProbeRollup(row.getString(0), PgRows.instant(row.getOffsetDateTime(1)), row.getLong(2), row.getLong(3),
        HealthStatus.fromWire(row.getString(4)).orElseThrow(), row.getDouble(5), row.getDouble(6),
        LatencyHistogram.of(counts));
  }
}
