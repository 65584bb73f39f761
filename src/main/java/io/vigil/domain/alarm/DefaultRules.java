package io.vigil.domain.alarm;

import io.vigil.domain.Severity;
import io.vigil.domain.health.HealthStatus;

import java.time.Duration;
import java.util.List;

import static io.vigil.domain.alarm.AlarmMetrics.*;
import static io.vigil.domain.alarm.Comparison.EQ;
import static io.vigil.domain.alarm.Comparison.GE;
import static io.vigil.domain.alarm.Comparison.GT;
import static io.vigil.domain.alarm.Comparison.LT;

/**
 * The rules Vigil ships enabled (issue 16). Channels come from the routing by severity, so they work with whatever
 * channels a deployment configures. Each rule's {@code for} keeps a blip from paging; its clear threshold and
 * {@code clear_for} keep a value hovering at the threshold from flapping.
 */
public final class DefaultRules {
  public static final String QUEUE_BACKUP = "queue-backup";
  public static final String HIGH_ERROR_RATE = "high-error-rate";
  public static final String PROCESSING_TIMEOUT = "processing-timeout";
  public static final String SYSTEM_ERROR = "system-error";
  public static final String CPU_HIGH = "cpu-high";
  public static final String MEMORY_HIGH = "memory-high";
  public static final String DISK_LOW = "disk-low";
  public static final String DISK_CRITICAL = "disk-critical";
  public static final String EXTERNAL_SERVICE_DOWN = "external-service-down";
  public static final String FOREIGN_QUEUE_UNHEALTHY = "foreign-queue-unhealthy";
  public static final String FOREIGN_QUEUE_BACKUP = "foreign-queue-backup";
  public static final String BREAKER_OPEN = "breaker-open";
  public static final String DEAD_LETTERS = "dead-letters";
  public static final String STORE_BUFFERING = "store-buffering";
  public static final String CHANNEL_FAILING = "notify-channel-failing";
  public static final String RECOVERY_EXHAUSTED_RULE = "recovery-exhausted";

  private static final double UNHEALTHY = HealthStatus.UNHEALTHY.code();

  private DefaultRules() {}

  public static List<AlarmRule> all() {
    return List.of(
        rule(QUEUE_BACKUP).metric(QUEUE_BACKLOG).when(GT, 100).forDuration(minutes(1))
            .clearWhen(80).clearFor(minutes(1))
            .summary("Queue {{queue}} is backing up: {{value}} tasks waiting (threshold {{threshold}})")
            .suggestedAction("Check that the workers of {{queue}} run and keep up; add workers or raise its "
                + "concurrency.")
            .build(),
        rule(HIGH_ERROR_RATE).metric(QUEUE_ERROR_RATE).when(GT, 0.10).forDuration(minutes(2))
            .clearWhen(0.05).clearFor(minutes(2))
            .summary("Queue {{queue}}: {{value_percent}} of attempts failed in the last minute")
            .suggestedAction("Look at the last errors of {{queue}} (GET /api/queues/{{queue}}) and the handler's "
                + "target.")
            .build(),
        rule(PROCESSING_TIMEOUT).metric(QUEUE_IDLE_SECONDS).when(GE, 300)
            .severity(Severity.CRITICAL)
            .summary("Queue {{queue}} has processed nothing for {{value}} s while tasks wait")
            .suggestedAction("Workers of {{queue}} are stuck or gone: check the workers, the queue's pause state "
                + "and the system mode.")
            .build(),
        componentDown(SYSTEM_ERROR, "postgres|redis|eventbus", Severity.CRITICAL,
            "{{component}} is unhealthy: tasks and their history are at risk"),
        rule(CPU_HIGH).metric(SYSTEM_CPU).when(GT, 0.90).forDuration(minutes(5))
            .clearWhen(0.80).clearFor(minutes(2))
            .summary("CPU at {{value_percent}} on {{node}} for 5 minutes")
            .suggestedAction("Find the busy process; lower queue concurrency or add a node.")
            .build(),
        rule(MEMORY_HIGH).metric(SYSTEM_MEMORY).when(GT, 0.90).forDuration(minutes(5))
            .clearWhen(0.85).clearFor(minutes(2))
            .summary("Memory {{value_percent}} used on {{node}}")
            .suggestedAction("Check for a leak or an oversized cache; add memory or a node.")
            .build(),
        rule(DISK_LOW).metric(DISK_FREE_RATIO).when(LT, 0.10).forDuration(minutes(1))
            .clearWhen(0.15).clearFor(minutes(1))
            .summary("Only {{value_percent}} free on {{path}} ({{node}})")
            .suggestedAction("Free space: old logs, dumps, the PostgreSQL WAL.")
            .build(),
        rule(DISK_CRITICAL).metric(DISK_FREE_RATIO).when(LT, 0.05).forDuration(minutes(1))
            .clearWhen(0.08).clearFor(minutes(1)).severity(Severity.CRITICAL)
            .summary("Disk almost full: {{value_percent}} free on {{path}} ({{node}})")
            .suggestedAction("Free space now: writes to {{path}} are about to fail.")
            .build(),
        componentDown(EXTERNAL_SERVICE_DOWN, "http|tcp|dns", Severity.WARNING,
            "External service {{component}} is unhealthy"),
        componentDown(FOREIGN_QUEUE_UNHEALTHY, "amqp|bullmq", Severity.WARNING,
            "Foreign queue {{component}} is unhealthy (unreachable, or messages wait and nobody consumes)"),
        rule(FOREIGN_QUEUE_BACKUP).metric(FOREIGN_DEPTH).when(GT, 1000).forDuration(minutes(5))
            .clearWhen(800).clearFor(minutes(1))
            .summary("Foreign queue {{queue}} ({{component}}) holds {{value}} messages")
            .suggestedAction("Check its consumers.")
            .build(),
        rule(BREAKER_OPEN).metric(BREAKER_STATE).when(EQ, AlarmMetrics.BREAKER_OPEN).forDuration(minutes(1))
            .summary("Circuit breaker {{breaker}} is open: calls fail fast")
            .suggestedAction("The target behind {{breaker}} fails; check it. Vigil retries on its own.")
            .build(),
        rule(DEAD_LETTERS).metric(QUEUE_DEAD_LETTERS).when(GT, 0)
            .severity(Severity.INFO).reminder(ReminderPolicy.NONE)
            .summary("Dead letters in queue {{queue}}: {{value}}")
            .suggestedAction("Inspect them (GET /api/queues/{{queue}}/dead-letters), then replay or purge.")
            .build(),
        rule(STORE_BUFFERING).metric(STORE_BUFFERED).when(GT, 0).forDuration(minutes(1))
            .summary("The store holds {{value}} rows in memory: PostgreSQL does not take writes")
            .suggestedAction("Check PostgreSQL; Vigil flushes by itself when it answers.")
            .build(),
        // critical: it must reach people on every other channel, and warnings may route to the failing one only
        rule(CHANNEL_FAILING).metric(NOTIFY_FAILURES).when(GE, 3).severity(Severity.CRITICAL)
            .summary("Notification channel {{channel}} failed {{value}} deliveries in a row")
            .suggestedAction("Check the channel's URL and credentials; messages wait in the outbox.")
            .build(),
        // recovery gave up (plan exhausted, budget spent, or a manual plan): a person has to act, at once
        rule(RECOVERY_EXHAUSTED_RULE).metric(RECOVERY_EXHAUSTED).when(EQ, 1).severity(Severity.CRITICAL)
            .summary("Manual intervention required for {{component}}: recovery gave up ({{reason}}); attempts "
                + "{{attempts}}. Suggested: {{suggested_action}}")
            .suggestedAction("{{suggested_action}} (GET /api/recovery/attempts?component={{component}})")
            .build());
  }

  private static AlarmRule componentDown(String name, String kinds, Severity severity, String summary) {
    return rule(name).metric(COMPONENT_STATUS).match(LabelMatcher.re("kind", kinds)).when(EQ, UNHEALTHY)
        .severity(severity).summary(summary)
        .suggestedAction("See the component's suggested action (GET /api/components/{{component}}).")
        .build();
  }

  private static AlarmRule.Builder rule(String name) {
    return AlarmRule.builder(name);
  }

  private static Duration minutes(long n) {
    return Duration.ofMinutes(n);
  }
}
