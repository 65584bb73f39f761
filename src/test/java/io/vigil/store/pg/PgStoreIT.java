package io.vigil.store.pg;

import io.vertx.core.Vertx;
import io.vigil.store.Store;
import io.vigil.store.StoreContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import static io.vigil.testing.Await.result;

/** The store contract on the real PostgreSQL, in a database made for this run. */
class PgStoreIT extends StoreContract {
  private static Vertx vertx;
  private static PgTestDatabase database;

  @BeforeAll
  static void createDatabase() {
    database = PgTestDatabase.create();
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void dropDatabase() {
    result(vertx.close());
    database.close();
  }

  @Override
  protected Store newStore() {
    PgStore store = PgStore.create(vertx, database.url(), 4);
    result(store.migrate());
    database.truncateAll();
    return store;
  }
}
