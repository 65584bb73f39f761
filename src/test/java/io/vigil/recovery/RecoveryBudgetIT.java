package io.vigil.recovery;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vigil.bus.Addresses;
import io.vigil.bus.Facts;
import io.vigil.domain.fact.RecoveryAttemptFinished;
import io.vigil.domain.fact.RecoveryEscalated;
import io.vigil.notify.RecordingReceiver;
import io.vigil.testing.Eventually;
import io.vigil.testing.RunningVigil;
import io.vigil.testing.TargetServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Scenario 6 on a running node: a flapping dependency spends its plan's budget (2 runs in 20 s), after which it gets
 * no attempt until the window passes, however it flaps, and the manual-intervention alarm reaches the on-call webhook
 * once. The remediation is a real http-hook whose receiver "restarts" the dependency; the window is short in config
 * (the node runs on the system clock).
 */
class RecoveryBudgetIT {
  private static final Duration WINDOW = Duration.ofSeconds(20);
  private final Vertx receivers = Vertx.vertx();
  private final List<RecoveryAttemptFinished> attempts = new CopyOnWriteArrayList<>();
  private final List<RecoveryEscalated> escalations = new CopyOnWriteArrayList<>();
  private TargetServer dependency;
  private RunningVigil vigil;

  @AfterEach
  void stop() {
    if (vigil != null) vigil.close();
    if (dependency != null) dependency.close();
    receivers.close();
  }

  private JsonObject flappy() {
    return vigil.get("/api/components/flappy").json();
  }

  private List<JsonObject> pages(RecordingReceiver pager) {
    return pager.requests().stream().map(RecordingReceiver.Request::json)
        .filter(body -> "firing".equals(body.getString("status")) && body.encode().contains("recovery-exhausted"))
        .toList();
  }

  private void goesDownAndIsHealedBy(int attempt) {
    dependency.answer(503, "{}");
    Eventually.until("attempt " + attempt + " healed it", 20_000,
        () -> attempts.size() == attempt && attempts.get(attempt - 1).healed());
    Eventually.until("healthy again", 10_000, () -> "healthy".equals(flappy().getString("status")));
  }

  @Test
  void aFlappingDependencySpendsTheBudgetGetsNoAttemptUntilTheWindowPassesAndIsEscalatedOnce() {
    dependency = TargetServer.start().answer(200, "{}");
    RecordingReceiver fixer = RecordingReceiver.start(receivers);
    fixer.answer(request -> {
      dependency.answer(200, "{}"); // the remediation "restarts" it
      return RecordingReceiver.Answer.of(200, "{}");
    });
    RecordingReceiver pager = RecordingReceiver.start(receivers);
    vigil = RunningVigil.start("""
        components:
          flappy:
            probe: {type: http, url: "%s", interval_ms: 500, timeout_ms: 400, failure_threshold: 2, success_threshold: 1}
        recovery:
          plans:
            flappy:
              budget: {runs: 2, window: %ds}
              cooldown: 0s
              actions:
                - {action: http-hook, url: "%s"}
        notifications:
          channels:
            on-call: {type: webhook, url_env: VIGIL_TEST_PAGER_URL, signing_key_env: VIGIL_TEST_PAGER_KEY}
        alarms:
          routes: {critical: [on-call]}
        """.formatted(dependency.url("/health"), WINDOW.toSeconds(), fixer.url("/restart")),
        Map.of("VIGIL_TEST_PAGER_URL", pager.url("/page"), "VIGIL_TEST_PAGER_KEY", "whsec-budget-0123456789",
            "VIGIL_METRICS_ENABLED", "false"));
    Facts.listen(vigil.vertx().eventBus(), Addresses.RECOVERY_ATTEMPT_FINISHED, attempts::add);
    Facts.listen(vigil.vertx().eventBus(), Addresses.RECOVERY_ESCALATED, escalations::add);
    Eventually.until("healthy", 20_000, () -> "healthy".equals(flappy().getString("status")));

    goesDownAndIsHealedBy(1);
    goesDownAndIsHealedBy(2);

    // the budget is spent: down again, up by itself, down again — no attempt, one escalation, one page
    dependency.answer(503, "{}");
    RecoveryEscalated escalation = Eventually.await("escalated", Duration.ofSeconds(15),
        () -> escalations.stream().filter(RecoveryEscalated::open).findFirst(), java.util.Optional::isPresent).get();
    assertThat(escalation.reason()).isEqualTo("budget");
    assertThat(escalation.attempts()).contains(attempts.get(0).attemptId(), attempts.get(1).attemptId());
    Eventually.until("the manual-intervention alarm paged", 15_000, () -> pages(pager).size() == 1);
    dependency.answer(200, "{}");
    Eventually.until("healthy between two failures", 10_000, () -> "healthy".equals(flappy().getString("status")));
    dependency.answer(503, "{}");
    Eventually.until("unhealthy again", 10_000, () -> "unhealthy".equals(flappy().getString("status")));
    assertThat(attempts).as("no attempt while the budget is spent").hasSize(2);
    assertThat(escalations).as("escalated once, however it flaps").singleElement();
    assertThat(pages(pager)).as("paged once").hasSize(1);
    assertThat(fixer.requests()).hasSize(2);

    // the first run leaves the window: the plan runs again for the still failing dependency
    RecoveryAttemptFinished third = Eventually.await("the attempt after the window", WINDOW.plusSeconds(15),
        () -> attempts.size() > 2 ? attempts.get(2) : null, java.util.Objects::nonNull);
    assertThat(third.startedAt()).isAfterOrEqualTo(attempts.get(0).startedAt().plus(WINDOW).minusMillis(500));
    assertThat(third.healed()).isTrue();
    assertThat(pages(pager)).as("still paged once").hasSize(1);
  }
}
