package io.vigil.store.pg;

import io.vertx.core.Vertx;
import io.vigil.store.AuditStore;
import io.vigil.store.AuditStoreContract;
import io.vigil.store.Stores;
import io.vigil.store.SystemConfigStore;
import io.vigil.store.SystemConfigStoreContract;
import io.vigil.store.TaskHistoryStore;
import io.vigil.store.TaskHistoryStoreContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import static io.vigil.testing.Await.result;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every store contract on the real PostgreSQL, in a database made for this run (emptied before each test).
 */
class PgStoresIT {
  private static PgTestDatabase database;
  private static Vertx vertx;
  private static Stores stores;

  @BeforeAll
  static void createDatabase() {
    database = PgTestDatabase.create();
    vertx = Vertx.vertx();
    stores = PgStores.create(vertx, database.url(), 4);
    result(stores.migrate());
  }

  @AfterAll
  static void dropDatabase() {
    result(stores.close());
    result(vertx.close());
    database.close();
  }

  private static Stores fresh() {
    database.truncateAll();
    return stores;
  }

  @Nested
  class History extends TaskHistoryStoreContract {
    @Override
    protected TaskHistoryStore newStore() {
      return fresh().history();
    }
  }

  @Nested
  class Audit extends AuditStoreContract {
    @Override
    protected AuditStore newStore() {
      return fresh().audit();
    }
  }

  @Nested
  class SystemConfig extends SystemConfigStoreContract {
    @Override
    protected SystemConfigStore newStore() {
      return fresh().config();
    }
  }






  @Test
  void theBackendAnswersPing() {
    result(stores.ping());
    assertThat(stores.name()).isEqualTo("pg");
  }
}
