package io.vigil.recovery;

import io.vertx.core.json.JsonObject;
import io.vigil.bus.Addresses;
import io.vigil.bus.Facts;
import io.vigil.domain.fact.RecoveryAttemptFinished;
import io.vigil.store.pg.PgTestDatabase;
import io.vigil.testing.Eventually;
import io.vigil.testing.RunningVigil;
import io.vigil.testing.TargetServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A failover outlives its leader: the switch is kept in the store (PostgreSQL, {@code system_config}
 * {@code recovery.failovers}), so the node started next — a new leader — probes the secondary at once, watches the
 * primary, and switches back (clearing the stored switch) when the primary answers again.
 */
class FailoverRestartIT {
  private final List<RecoveryAttemptFinished> attempts = new CopyOnWriteArrayList<>();
  private final PgTestDatabase database = PgTestDatabase.create();
  private final TargetServer primary = TargetServer.start().answer(200, "{}");
  private final TargetServer secondary = TargetServer.start().answer(200, "{}");
  private RunningVigil vigil;

  @AfterEach
  void stop() {
    if (vigil != null) vigil.close();
    primary.close();
    secondary.close();
    database.close();
  }

  private void start() {
    vigil = RunningVigil.start("""
        components:
          payments:
            probe: {type: http, url: "%s", interval_ms: 500, timeout_ms: 400, failure_threshold: 2, success_threshold: 1}
        recovery:
          plans:
            payments:
              cooldown: 0s
              actions:
                - {action: failover, secondary: "%s", check_interval: 300ms, primary_checks: 2}
        """.formatted(primary.url("/health"), secondary.url("/health")),
        Map.of("VIGIL_PG_URL", database.url(), "VIGIL_METRICS_ENABLED", "false"));
    Facts.listen(vigil.vertx().eventBus(), Addresses.RECOVERY_ATTEMPT_FINISHED, attempts::add);
  }

  private JsonObject payments() {
    return vigil.get("/api/components/payments").json();
  }

  /** Right after a start the component may not be known yet (no failed_over): neither answer then. */
  private boolean failedOver(boolean expected) {
    return Boolean.valueOf(expected).equals(payments().getBoolean("failed_over"));
  }

  private long storedSwitches() {
    return database.number("SELECT count(*) FROM system_config WHERE key = 'recovery.failovers' AND value LIKE '%payments%'");
  }

  @Test
  void aNodeStartedAfterAFailoverProbesTheSecondaryAtOnceAndSwitchesBackWhenThePrimaryAnswers() {
    start();
    Eventually.until("healthy on the primary", 20_000, () -> "healthy".equals(payments().getString("status")));
    primary.answer(503, "{}");
    Eventually.until("failed over and healthy", 20_000,
        () -> failedOver(true) && "healthy".equals(payments().getString("status")));
    Eventually.until("the switch is stored", 10_000, () -> storedSwitches() == 1);

    vigil.close(); // the leader goes away; the primary is still down
    attempts.clear();
    start();

    Eventually.until("the new leader knows it is failed over", 15_000, () -> failedOver(true));
    int secondaryHits = secondary.hits();
    Eventually.until("its probe checks the secondary", 10_000, () -> secondary.hits() > secondaryHits + 1);
    Eventually.until("healthy on the secondary", 10_000, () -> "healthy".equals(payments().getString("status")));

    primary.answer(200, "{}");
    Eventually.until("back on the primary", 15_000, () -> failedOver(false));
    Eventually.until("the stored switch is cleared", 10_000, () -> storedSwitches() == 0);
    assertThat(attempts).as("the new leader needed no failover of its own").noneMatch(a -> a.action().equals("failover")
        && a.result() != null && a.result().contains("switched to its secondary"));
  }
}
