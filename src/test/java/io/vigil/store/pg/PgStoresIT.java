package io.vigil.store.pg;

import io.vertx.core.Vertx;
import io.vigil.store.AuditStore;
import io.vigil.store.AuditStoreContract;
import io.vigil.store.Stores;
import io.vigil.store.SystemConfigStore;
import io.vigil.store.SystemConfigStoreContract;
import io.vigil.store.TaskHistoryStore;
import io.vigil.store.TaskHistoryStoreContract;
import io.vigil.store.alarms.AlarmStore;
import io.vigil.store.alarms.AlarmCommitContract;
import io.vigil.store.alarms.AlarmStoreContract;
import io.vigil.store.attempts.RecoveryStore;
import io.vigil.store.attempts.RecoveryStoreContract;
import io.vigil.store.outbox.OutboxStore;
import io.vigil.store.outbox.OutboxStoreContract;
import io.vigil.store.rollups.ProbeRollupStore;
import io.vigil.store.rollups.ProbeRollupStoreContract;
import io.vigil.store.schedules.ScheduleStore;
import io.vigil.store.schedules.ScheduleStoreContract;
import io.vigil.store.silences.SilenceStore;
import io.vigil.store.silences.SilenceStoreContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import static io.vigil.testing.Await.result;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every store contract on the real PostgreSQL, in a database made for this run (emptied before each test). A second
 * pool on the same database stands for another node where the contract asks for one.
 */
class PgStoresIT {
  private static PgTestDatabase database;
  private static Vertx vertx;
  private static Stores stores;
  private static Stores otherNode;

  @BeforeAll
  static void createDatabase() {
    database = PgTestDatabase.create();
    vertx = Vertx.vertx();
    stores = PgStores.create(vertx, database.url(), 4);
    otherNode = PgStores.create(vertx, database.url(), 4);
    result(stores.migrate());
    result(otherNode.migrate());
  }

  @AfterAll
  static void dropDatabase() {
    result(stores.close());
    result(otherNode.close());
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
  class Schedules extends ScheduleStoreContract {
    @Override
    protected ScheduleStore newStore() {
      return fresh().schedules();
    }

    @Override
    protected ScheduleStore otherNode() {
      return otherNode.schedules();
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

  @Nested
  class Alarms extends AlarmStoreContract {
    @Override
    protected AlarmStore newStore() {
      return fresh().alarms();
    }
  }

  @Nested
  class AlarmCommits extends AlarmCommitContract {
    @Override
    protected Stores newStores() {
      return fresh();
    }
  }

  @Nested
  class Silences extends SilenceStoreContract {
    @Override
    protected SilenceStore newStore() {
      return fresh().silences();
    }
  }

  @Nested
  class Outbox extends OutboxStoreContract {
    @Override
    protected OutboxStore newStore() {
      return fresh().outbox();
    }

    @Override
    protected OutboxStore otherNode() {
      return otherNode.outbox();
    }
  }

  @Nested
  class Recovery extends RecoveryStoreContract {
    @Override
    protected RecoveryStore newStore() {
      return fresh().recovery();
    }
  }

  @Nested
  class Rollups extends ProbeRollupStoreContract {
    @Override
    protected ProbeRollupStore newStore() {
      return fresh().rollups();
    }
  }

  @Test
  void theBackendAnswersPing() {
    result(stores.ping());
    assertThat(stores.name()).isEqualTo("pg");
  }
}
