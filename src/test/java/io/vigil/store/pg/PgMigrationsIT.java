package io.vigil.store.pg;

import io.vertx.core.Vertx;
import io.vigil.domain.Event;
import io.vigil.domain.Severity;
import io.vigil.store.EventQuery;
import io.vigil.store.Stores;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.vigil.testing.Await.result;
import static org.assertj.core.api.Assertions.assertThat;

class PgMigrationsIT {
  /** The migrations shipped (each capability adds its own; versions may leave gaps), read from the source tree. */
  private static final List<Integer> SHIPPED = shippedVersions();
  private static final String LATEST = String.valueOf(SHIPPED.get(SHIPPED.size() - 1));

  private PgTestDatabase database;
  private Vertx vertx;

  @BeforeEach
  void createEmptyDatabase() {
    database = PgTestDatabase.create();
    vertx = Vertx.vertx();
  }

  @AfterEach
  void dropDatabase() {
    result(vertx.close());
    database.close();
  }

  @Test
  void migrationsCreateEveryTableOnAnEmptyDatabase() {
    assertThat(PgMigrations.currentVersion(database.target())).isNull();

    int applied = PgMigrations.migrate(database.target());

    assertThat(applied).isEqualTo(SHIPPED.size());
    assertThat(PgMigrations.currentVersion(database.target())).isEqualTo(LATEST);
    for (String table : List.of("tasks", "audit_events", "system_config", "alarms", "alarm_timeline", "silences",
        "notification_outbox", "recovery_attempts", "probe_rollups", "schedules", "schedule_states")) {
      assertThat(database.number("SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public' "
          + "AND table_name = '" + table + "'")).as(table).isEqualTo(1);
    }
    assertThat(database.number("SELECT count(*) FROM information_schema.columns WHERE table_name = 'audit_events' "
        + "AND column_name = 'details' AND data_type = 'jsonb'")).isEqualTo(1);
    assertThat(database.number("SELECT count(*) FROM information_schema.columns WHERE table_name = 'alarms' "
        + "AND column_name IN ('metric', 'series', 'value', 'value_at', 'clearing_since', 'notified', 'reminder_step', "
        + "'next_reminder_at', 'told')")).as("what V4 adds for the alarm engine").isEqualTo(9);
    assertThat(database.number("SELECT count(*) FROM information_schema.columns WHERE table_name = 'tasks' "
        + "AND column_name = 'task_group'")).as("what V8 adds for fair queues").isEqualTo(1);
    assertThat(database.number("SELECT count(*) FROM information_schema.columns WHERE table_name = 'tasks' "
        + "AND column_name = 'degraded' AND data_type = 'jsonb'")).as("what V9 adds for degraded answers").isEqualTo(1);
    assertThat(database.number("SELECT count(*) FROM pg_indexes WHERE tablename = 'tasks' "
        + "AND indexname = 'tasks_degraded_idx'")).as("what V10 adds to list them").isEqualTo(1);
  }

  @Test
  void runningTheMigrationsAgainChangesNothing() {
    PgMigrations.migrate(database.target());
    database.execute("INSERT INTO system_config VALUES ('system.mode', 'paused', 'alice', now())");

    int appliedAgain = PgMigrations.migrate(database.target());

    assertThat(appliedAgain).isZero();
    assertThat(PgMigrations.currentVersion(database.target())).isEqualTo(LATEST);
    assertThat(database.number("SELECT count(*) FROM system_config")).isEqualTo(1);
  }

  @Test
  void aDatabaseAtVersionTwoIsReshapedKeepingHistoryAuditAndConfig() {
    Flyway.configure(PgMigrations.class.getClassLoader()).dataSource(database.target().dataSource())
        .locations(PgMigrations.LOCATION).target("2").load().migrate();
    database.execute("INSERT INTO system_config VALUES ('system.mode', 'stopped', 'alice', now())");
    database.execute("INSERT INTO audit_events (id, time, type, severity, component, actor, message) "
        + "VALUES (gen_random_uuid(), now(), 'x', 'info', 'c', 'a', 'm')");

    assertThat(PgMigrations.migrate(database.target())).isEqualTo((int) SHIPPED.stream().filter(v -> v > 2).count());

    assertThat(PgMigrations.currentVersion(database.target())).isEqualTo(LATEST);
    assertThat(database.number("SELECT count(*) FROM system_config")).isEqualTo(1);
    assertThat(database.number("SELECT count(*) FROM audit_events")).isEqualTo(1);
    assertThat(database.number("SELECT count(*) FROM information_schema.columns WHERE table_name = 'alarms' "
        + "AND column_name = 'version'")).isEqualTo(1);
    assertThat(database.number("SELECT count(*) FROM information_schema.columns WHERE table_name = 'probe_rollups' "
        + "AND column_name = 'latency_buckets'")).isEqualTo(1);
  }

  @Test
  void aStoreOnAnEmptyDatabaseMigratesBeforeItsFirstWrite() {
    Stores store = PgStores.create(vertx, database.url(), 2);
    Event event = new Event(UUID.randomUUID().toString(), Instant.parse("2026-01-01T00:00:00Z"), "x", Severity.INFO,
        "c", null, null, Map.of());

    result(store.audit().saveEvents(List.of(event)));

    assertThat(result(store.audit().findEvents(EventQuery.latest(5))).events()).hasSize(1);
    result(store.close());
  }

  private static List<Integer> shippedVersions() {
    try (var files = java.nio.file.Files.list(java.nio.file.Path.of("src/main/resources/db/migration"))) {
      return files.map(f -> f.getFileName().toString()).filter(n -> n.matches("V\\d+__.*\\.sql"))
          .map(n -> Integer.parseInt(n.substring(1, n.indexOf("__")))).sorted().toList();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
