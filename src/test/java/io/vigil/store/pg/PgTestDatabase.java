package io.vigil.store.pg;

import io.vigil.config.Secrets;

import java.net.URI;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * A fresh, empty database on the test PostgreSQL ({@code VIGIL_TEST_PG_URL}, default
 * {@code postgresql://postgres@127.0.0.1:5432/test}), dropped on close. When PostgreSQL cannot be reached the
 * test fails with a message saying so: integration tests never skip.
 */
public final class PgTestDatabase implements AutoCloseable {
  public static final String ENV = "VIGIL_TEST_PG_URL";
  public static final String DEFAULT_URL = "postgresql://postgres@127.0.0.1:5432/test";

  private final PgTarget admin;
  private final String name;
  private final String url;

  private PgTestDatabase(PgTarget admin, String name, String url) {
    this.admin = admin;
    this.name = name;
    this.url = url;
  }

  public static String adminUrl() {
    String env = System.getenv(ENV);
    return env == null || env.isBlank() ? DEFAULT_URL : env.trim();
  }

  public static PgTestDatabase create() {
    PgTarget admin = PgTarget.parse(adminUrl());
    String name = "vigil_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    try (Connection c = admin.dataSource().getConnection(); Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + name);
    } catch (SQLException e) {
      throw new AssertionError("PostgreSQL for integration tests is unreachable at " + admin + " (set " + ENV
          + " or start it: pg_ctlcluster <version> main start): " + e.getMessage(), e);
    }
    return new PgTestDatabase(admin, name, withDatabase(admin.url(), name));
  }

  /** The URL of this database. */
  public String url() {
    return url;
  }

  /** The URL of this database reached through another host and port (a proxy). */
  public String urlVia(String host, int port) {
    URI uri = URI.create(url);
    String userInfo = uri.getRawUserInfo() == null ? "" : uri.getRawUserInfo() + "@";
    return uri.getScheme() + "://" + userInfo + host + ":" + port + uri.getRawPath()
        + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
  }

  public String name() {
    return name;
  }

  /** Empties every table the migrations made (not Flyway's history). */
  public void truncateAll() {
    execute("TRUNCATE tasks, audit_events, system_config, alarms, alarm_timeline, silences, notification_outbox, "
        + "recovery_attempts, probe_rollups, schedules, schedule_states");
  }

  public void execute(String sql) {
    try (Connection c = target().dataSource().getConnection(); Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new AssertionError(sql + ": " + e.getMessage(), e);
    }
  }

  /** The first column of the first row, as a number. */
  public long number(String sql) {
    try (Connection c = target().dataSource().getConnection(); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    } catch (SQLException e) {
      throw new AssertionError(sql + ": " + e.getMessage(), e);
    }
  }

  public PgTarget target() {
    return PgTarget.parse(url);
  }

  @Override
  public void close() {
    try (Connection c = admin.dataSource().getConnection(); Statement s = c.createStatement()) {
      s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    } catch (SQLException e) {
      throw new AssertionError("could not drop " + name + ": " + e.getMessage(), e);
    }
  }

  @Override
  public String toString() {
    return Secrets.maskUrl(url);
  }

  private static String withDatabase(String url, String database) {
    URI uri = URI.create(url);
    String userInfo = uri.getRawUserInfo() == null ? "" : uri.getRawUserInfo() + "@";
    String port = uri.getPort() < 0 ? "" : ":" + uri.getPort();
    return uri.getScheme() + "://" + userInfo + uri.getHost() + port + "/" + database
        + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
  }
}
