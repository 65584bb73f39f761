package io.vigil.store.pg;

import io.vertx.pgclient.PgConnectOptions;
import io.vigil.config.Secrets;

import org.postgresql.ds.PGSimpleDataSource;

/**
 * One {@code postgresql://} URL, read once by the Vert.x parser and given to both clients: the reactive pool and the
 * JDBC connection Flyway needs. {@link #toString()} never shows the password.
 */
public record PgTarget(String url, PgConnectOptions options) {

  public static PgTarget parse(String url) {
    String normalized = url.startsWith("postgres://") ? "postgresql://" + url.substring("postgres://".length()) : url;
    return new PgTarget(normalized, PgConnectOptions.fromUri(normalized));
  }

  public String jdbcUrl() {
    return "jdbc:postgresql://" + options.getHost() + ":" + options.getPort() + "/" + options.getDatabase();
  }

  /** A JDBC data source for the same server, with a connect timeout so a dead host fails fast. */
  public PGSimpleDataSource dataSource() {
    PGSimpleDataSource dataSource = new PGSimpleDataSource();
    dataSource.setURL(jdbcUrl());
    if (options.getUser() != null) dataSource.setUser(options.getUser());
    if (options.getPassword() != null) dataSource.setPassword(options.getPassword());
    dataSource.setSslmode(options.getSslMode().value);
    dataSource.setConnectTimeout(10);
    dataSource.setApplicationName("vigil-migrate");
    return dataSource;
  }

  @Override
  public String toString() {
    return Secrets.maskUrl(url);
  }
}
