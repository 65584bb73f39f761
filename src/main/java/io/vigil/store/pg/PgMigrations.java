package io.vigil.store.pg;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Applies {@code src/main/resources/db/migration} with Flyway over JDBC. Blocking: call it on a worker thread
 * ({@code vertx.executeBlocking}). Several nodes starting at once are safe: Flyway holds an advisory lock.
 */
public final class PgMigrations {
  public static final String LOCATION = "classpath:db/migration";

  private PgMigrations() {}

  /** Brings the schema to the newest version; answers how many migrations ran (0 when it was current). */
  public static int migrate(PgTarget target) {
    MigrateResult result = flyway(target).migrate();
    return result.migrationsExecuted;
  }

  /** The version the database is at, or null for an empty one. */
  public static String currentVersion(PgTarget target) {
    var current = flyway(target).info().current();
    return current == null ? null : current.getVersion().getVersion();
  }

  private static Flyway flyway(PgTarget target) {
    PGSimpleDataSource dataSource = target.dataSource();
    return Flyway.configure(PgMigrations.class.getClassLoader())
        .dataSource(dataSource)
        .locations(LOCATION)
        .failOnMissingLocations(true)
        .load();
  }
}
