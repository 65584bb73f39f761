package io.vigil.domain.fact;

import io.vigil.domain.Severity;
import io.vigil.domain.SystemMode;
import io.vigil.domain.alarm.AlarmState;
import io.vigil.domain.breaker.BreakerState;
import io.vigil.domain.breaker.BreakerTrigger;
import io.vigil.domain.health.HealthStatus;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One instance of every fact type, with optional fields both present and absent. Some instants fall on a whole second
 * on purpose: the view must still write them with three decimals ({@code FactViewTest}).
 */
public final class FactSamples {
  private FactSamples() {}

  static Stamp stamp(int n) {
    return new Stamp("0190a0b0-0000-7000-8000-00000000000" + n, Instant.parse("2025-03-01T12:00:0" + n + ".123Z"));
  }

  public static List<Fact> all() {
    return List.of(
        new TaskDeadLettered(stamp(1), "t1", "email", "default", 5, "HTTP 500"),
        new TaskCancelled(stamp(2), "t2", "email", "default", 0, "alice", "duplicate"),
        new TaskCancelled(stamp(2), "t2", "email", "default", 0, "alice", null),
        new QueueStateChanged(stamp(3), "default", true, "bob", "maintenance"),
        new DeadLettersReplayed(stamp(4), "default", List.of("t1", "t3"), "bob", ""),
        new DeadLettersPurged(stamp(5), "default", 7, "bob", "old"),
        new LeaseRefused(stamp(6), "default", List.of("t9")),
        new BackendLost(stamp(7), "redis", "connection refused"),
        new BackendRestored(stamp(8), "redis", 12_500),
        new ModeChanged(stamp(9), SystemMode.STOPPED, SystemMode.ASYNC_QUEUE, SystemMode.STOPPED, false, false, "root",
            "data at risk", "node-a"),
        new StoreUnavailable(stamp(1), "pg", 12, "connection reset"),
        new StoreOverflowed(stamp(2), "pg", 3, 40, 200_000),
        new StoreRestored(stamp(3), "pg", 900, 4),
        new StoreBackpressureChanged(stamp(4), "pg", true, 100_001, 100_000, 50_000),
        new ConfigChanged(stamp(5), "system.mode", "alice"),
        new LeaderChanged(stamp(6), "node-b", true, "node-b", Instant.parse("2025-03-01T12:00:06.123Z"), "node-a",
            "the lease of node-a expired"),
        new LeaderChanged(stamp(7), "node-a", false, null, null, null, "the node stops"),
        new ConfigReloadRequested(stamp(8), "node-a", "alice"),
        new ConfigReloaded(stamp(9), "node-a", "api", "alice", List.of("queues.work.concurrency"),
            List.of("http.port"), List.of("queues")),
        new ConfigReloadFailed(stamp(1), "node-b", "file", "system",
            List.of("queues.work.concurrency: 0 is out of range [1, 100000]")),
        new BreakerStateChanged(stamp(2), "node-a", "http:api.example:443", BreakerState.CLOSED, BreakerState.OPEN,
            62.5, BreakerTrigger.FAILURE_RATE),
        new BreakerStateChanged(stamp(3), "node-b", "http:api.example:443", BreakerState.CLOSED,
            BreakerState.FORCED_OPEN, 0, BreakerTrigger.FORCE_OPEN, "node-a", "root"),
        new TaskDegraded(stamp(4), "default", "quote", "t7", new io.vigil.domain.Degraded("cache",
            "http:api.example:443", Instant.parse("2025-03-01T11:59:00Z"))),
        new ComponentStatusChanged(stamp(3), "db", "Database", "database", true, HealthStatus.UNHEALTHY,
            HealthStatus.HEALTHY, Instant.parse("2025-03-01T11:00:00Z"), "connection refused", 3, 0,
            "check the server and credentials; Vigil reconnects by itself", List.of("network"), true),
        new AlarmStateChanged(stamp(3), "0190a0b0-0000-7000-8000-0000000000aa", "3f1c9a2b7d4e5f60", "queue-backup",
            Severity.CRITICAL, AlarmState.PENDING, AlarmState.FIRING, AlarmStateChanged.Change.TRANSITION, false, false,
            Map.of("queue", "orders", "rule", "queue-backup", "severity", "critical"), "orders backs up: 153 waiting",
            153, Instant.parse("2025-03-01T12:00:00Z"), Instant.parse("2025-03-01T12:01:00Z"), "vigil",
            "held for 1m (value 153)", "drain-orders", "node-a"),
        new AlarmStateChanged(stamp(4), "0190a0b0-0000-7000-8000-0000000000aa", "3f1c9a2b7d4e5f60", "queue-backup",
            Severity.WARNING, null, AlarmState.PENDING, AlarmStateChanged.Change.TRANSITION, true, false, Map.of(),
            "orders backs up", 101, Instant.parse("2025-03-01T12:00:00Z"), null, "vigil", null, null, "node-a"),
        new DeliveryRecorded(stamp(5), "node-a", "0190a0b0-0000-7000-8000-0000000000bb", "ops-hook",
            List.of("0190a0b0-0000-7000-8000-0000000000aa"), "firing", DeliveryRecorded.Result.RETRYING,
            "failed_retryable", 2, 503, "HTTP 503", 2, Instant.parse("2025-03-01T12:00:09Z")),
        new DeliveryRecorded(stamp(6), "node-a", "0190a0b0-0000-7000-8000-0000000000cc", "ops-mail", List.of(),
            "mode_change", DeliveryRecorded.Result.SENT, "delivered", 1, 250, null, 0, null),
        new ScheduleChanged(stamp(7), "nightly-report", "created", "alice", "email, cron '0 6 * * *' in Europe/Berlin"),
        new ScheduleChanged(stamp(8), "nightly-report", "deleted", "alice", null),
        new RecoveryAttemptFinished(stamp(7), "0190a0b0-0000-7000-8000-0000000000dd",
            "0190a0b0-0000-7000-8000-0000000000de", "vigil-redis", "reconnect", 1, "unhealthy", "system",
            Instant.parse("2025-03-01T12:00:10Z"), 42, true, true, null,
            "the queue backend's connections were rebuilt and answer"),
        new RecoveryRunChanged(stamp(8), "0190a0b0-0000-7000-8000-0000000000de", "vigil-redis", "healed", "unhealthy",
            "system", List.of("0190a0b0-0000-7000-8000-0000000000dd")),
        new RecoveryEscalated(stamp(9), "validator", "0190a0b0-0000-7000-8000-0000000000df",
            List.of("0190a0b0-0000-7000-8000-0000000000e0"), "manual", "Call the validation team", true),
        new TargetSwitched(new Stamp("0190a0b0-0000-7000-8000-00000000001a", Instant.parse("2025-03-01T12:00:10.123Z")), "payments", List.of("pay"), true, "http://user:pw@backup.example:8443/pay"));
  }
}
