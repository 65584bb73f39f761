package io.vigil.config;

/** The PostgreSQL store; an empty URL selects the in-memory store. */
public record PgConfig(String url, int poolSize) {

  public boolean enabled() {
    return !url.isEmpty();
  }

  @Override
  public String toString() {
    return "PgConfig[url=" + Secrets.maskUrl(url) + ", poolSize=" + poolSize + "]";
  }

  static PgConfig read(ConfigReader r) {
    String url = r.string("pg.url");
    if (!url.isEmpty() && !url.startsWith("postgresql://") && !url.startsWith("postgres://")) {
      r.problem("pg.url", "must be empty (in-memory store) or start with postgresql:// or postgres://");
    }
    return new PgConfig(url, r.integer("pg.pool_size", 1, 256));
  }
}
