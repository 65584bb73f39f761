package io.vigil.recovery;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vigil.config.RecoveryConfig;
import io.vigil.domain.TaskIds;
import io.vigil.domain.Timers;
import io.vigil.domain.health.HealthStatus;
import io.vigil.domain.recovery.Admission;
import io.vigil.domain.recovery.PlanGate;
import io.vigil.domain.recovery.PlanRun;
import io.vigil.domain.recovery.PlanStep;
import io.vigil.domain.recovery.RunState;
import io.vigil.recovery.action.ActionContext;
import io.vigil.recovery.action.ActionResult;
import io.vigil.recovery.action.RecoveryAction;
import io.vigil.store.attempts.AttemptOutcome;
import io.vigil.store.attempts.AttemptQuery;
import io.vigil.store.attempts.RecoveryAttempt;
import io.vigil.store.attempts.RecoveryStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * Runs the recovery plans of every component: at most one run per component, each a {@link PlanRun} moved through
 * its table by the outcomes of its actions and of the re-probe after each; a {@link PlanGate} per component keeps
 * the budget and the cooldown. Automatic triggers (a component turning unhealthy, a firing alarm naming the plan)
 * wait out a cooldown or a spent budget and try again then if the component is still unhealthy; an operator's
 * trigger skips both but never starts a second run. An exhausted run, a {@code manual} action or a spent budget
 * escalates once until the component answers again (for a spent budget: answers once the budget has room again, so
 * a flapping component is escalated once, not at every flap). Every attempt is saved as it starts (with its action index and
 * attempt number) and as it ends, so a new leader continues an interrupted run after its last attempt and never
 * starts it over ({@link #restore}). Plain: {@link Clock} and {@link Timers}; one event loop owns it.
 */
public final class Recoveries {
  private static final Logger LOG = LoggerFactory.getLogger(Recoveries.class);
  static final int RECENT_ATTEMPTS = 10;
  static final int RESTORE_ROWS = 2_000;
  /** The key of an attempt's details that says what its action did ("3 stuck message(s) of orders moved to ..."). */
  public static final String RESULT = "result";

  /** What the plans need from the rest of the node. */
  public interface Ports {
    /** Probes the component now: true when it answers (ok or degraded). */
    Future<Boolean> probe(String component);

    boolean systemStopped();
  }

  /** What the plans tell (facts, logs, metrics). */
  public interface Events {
    void runChanged(String runId, String component, String state, String trigger, String actor, List<String> attempts);

    void attemptFinished(RecoveryAttempt attempt, int attemptNumber, boolean actionOk, boolean healed);

    void escalated(String component, String runId, List<String> attempts, String reason, boolean open);
  }

  /** What a trigger did: the admission and, when admitted, the new run's id. */
  public record Started(Admission admission, String runId) {}

  private final Clock clock;
  private final Timers timers;
  private final TaskIds ids;
  private final RecoveryStore store;
  private final Function<RecoveryConfig.Action, RecoveryAction> actions;
  private final Ports ports;
  private final Events events;
  private RecoveryConfig config;

  private final Map<String, PlanGate> gates = new HashMap<>();
  private final Map<String, Run> runs = new LinkedHashMap<>();
  private final Set<String> unhealthy = new HashSet<>();
  private final Map<String, Long> retries = new HashMap<>();
  private final Map<String, Deque<String>> recent = new HashMap<>();
  /** Open escalations: what was said, so the all-clear names the same attempts. */
  private record Escalation(String runId, List<String> attempts, String reason) {}

  private final Map<String, Escalation> escalated = new HashMap<>();

  public Recoveries(Clock clock, Timers timers, RecoveryStore store, RecoveryConfig config,
                    Function<RecoveryConfig.Action, RecoveryAction> actions, Ports ports, Events events) {
    this.clock = clock;
    this.timers = timers;
    this.ids = new TaskIds(clock);
    this.store = store;
    this.config = config;
    this.actions = actions;
    this.ports = ports;
    this.events = events;
  }

  // ---- triggers ---------------------------------------------------------------------------------------------

  /** A component's status changed: unhealthy starts its plan; answering again closes an escalation. */
  public void statusChanged(String component, HealthStatus status) {
    if (status == HealthStatus.UNHEALTHY) {
      unhealthy.add(component);
      if (config.plan(component).isPresent()) trigger(component, "unhealthy", "system");
    } else {
      unhealthy.remove(component);
      Escalation open = escalated.get(component);
      Admission budget = open != null && open.reason().equals("budget") ? gates.get(component).admit(clock.instant()) : null;
      if (budget != null && budget.verdict() == Admission.Verdict.BUDGET_SPENT) {
        // a flapping component answering between failures: still escalated (paged once); the window's end decides
        retryAt(component, budget.until());
        return;
      }
      cancelRetry(component);
      if (status == HealthStatus.HEALTHY) closeEscalation(component);
    }
  }

  private void closeEscalation(String component) {
    Escalation open = escalated.remove(component);
    if (open != null) events.escalated(component, open.runId(), open.attempts(), open.reason(), false);
  }

  /**
   * Starts {@code component}'s plan unless one runs, the system is stopped or recovery is off; an automatic trigger
   * also respects the cooldown and the budget. Answers null when the component has no plan.
   */
  public Started trigger(String component, String trigger, String actor) {
    RecoveryConfig.Plan plan = config.plan(component).orElse(null);
    if (plan == null) return null;
    if (!config.enabled()) return new Started(Admission.DISABLED, null);
    if (ports.systemStopped()) return new Started(Admission.SYSTEM_STOPPED, null);
    PlanGate gate = gate(plan);
    Instant now = clock.instant();
    boolean operator = trigger.equals("manual");
    Admission admission = gate.admit(now);
    if (!admission.admitted() && !(operator && admission.verdict() != Admission.Verdict.RUNNING)) {
      if (!operator) refusedAutomatic(component, admission);
      return new Started(admission, null);
    }
    cancelRetry(component);
    gate.started(now);
    Run run = new Run(ids.next(), plan, new PlanRun(plan.steps()), trigger, actor, new ArrayList<>());
    runs.put(component, run);
    events.runChanged(run.id, component, "running", trigger, actor, List.of());
    timers.defer(run::act);
    return new Started(Admission.ADMITTED, run.id);
  }

  private void refusedAutomatic(String component, Admission admission) {
    switch (admission.verdict()) {
      case BUDGET_SPENT -> {
        LOG.warn("recovery of {} refused: its budget is spent until {}", component, admission.until());
        escalate(component, null, recentOf(component), "budget");
        retryAt(component, admission.until());
      }
      case COOLING_DOWN -> {
        LOG.info("recovery of {} waits: cooling down until {}", component, admission.until());
        retryAt(component, admission.until());
      }
      default -> { }
    }
  }

  /** When a refusal ends, a component that is still unhealthy gets its plan; one that answers is no longer escalated. */
  private void retryAt(String component, Instant until) {
    cancelRetry(component);
    long delay = Math.max(1, Duration.between(clock.instant(), until).toMillis() + 1);
    retries.put(component, timers.schedule(delay, () -> {
      retries.remove(component);
      if (!unhealthy.contains(component)) closeEscalation(component); // it answers now that the budget has room
      else if (!runs.containsKey(component)) trigger(component, "unhealthy", "system");
    }));
  }

  private void cancelRetry(String component) {
    Long timer = retries.remove(component);
    if (timer != null) timers.cancel(timer);
  }

  private void escalate(String component, String runId, List<String> attempts, String reason) {
    if (escalated.containsKey(component)) return; // once, until the component answers again
    Escalation escalation = new Escalation(runId, List.copyOf(attempts), reason);
    escalated.put(component, escalation);
    events.escalated(component, runId, escalation.attempts(), reason, true);
  }

  // ---- configuration, stop, restore ---------------------------------------------------------------------------

  /** A reload: budgets and cooldowns change for what comes next; the runs of removed plans stop. */
  public void configure(RecoveryConfig next) {
    config = next;
    gates.forEach((component, gate) -> next.plan(component).ifPresent(p ->
        gate.configure(p.budgetRuns(), p.budgetWindow(), p.cooldown())));
    List.copyOf(runs.values()).forEach(run -> {
      if (next.plan(run.plan.component()).isEmpty() || !next.enabled()) run.abort("its plan was removed");
    });
  }

  /** The system was stopped, or the verticle stops: every run ends unfinished. */
  public void abortAll(String reason) {
    List.copyOf(runs.values()).forEach(run -> run.abort(reason));
    retries.values().forEach(timers::cancel);
    retries.clear();
  }

  /**
   * The verticle stops (leadership moved, the node stops): nothing more runs here, and nothing is written — the store
   * keeps each run's last attempt as running, so the next leader continues after it ({@link #restore}).
   */
  public void abandon() {
    runs.values().forEach(run -> {
      run.over = true;
      if (run.timer >= 0) timers.cancel(run.timer);
    });
    runs.clear();
    retries.values().forEach(timers::cancel);
    retries.clear();
  }

  public Set<String> running() {
    return Set.copyOf(runs.keySet());
  }

  /**
   * On a new leader: the budget counts the runs the store holds within each plan's window, and a run the previous
   * leader left running goes on after its last attempt (which is closed as interrupted) — never from the start.
   */
  public Future<Void> restore() {
    return store.list(new AttemptQuery(null, null, RESTORE_ROWS)).compose(rows -> {
      List<RecoveryAttempt> oldestFirst = new ArrayList<>(rows);
      oldestFirst.sort(Comparator.comparing(RecoveryAttempt::startedAt).thenComparing(RecoveryAttempt::id));
      Map<String, List<RecoveryAttempt>> byRun = new LinkedHashMap<>();
      for (RecoveryAttempt a : oldestFirst) {
        byRun.computeIfAbsent(a.runId() == null ? a.id() : a.runId(), k -> new ArrayList<>()).add(a);
        remember(a.component(), a.id());
      }
      Instant now = clock.instant();
      List<Future<Void>> saves = new ArrayList<>();
      byRun.forEach((runId, attempts) -> {
        RecoveryAttempt first = attempts.get(0);
        RecoveryAttempt last = attempts.get(attempts.size() - 1);
        RecoveryConfig.Plan plan = config.plan(first.component()).orElse(null);
        if (plan == null) return;
        PlanGate gate = gate(plan);
        if (last.outcome() != AttemptOutcome.RUNNING) {
          if (first.startedAt().isAfter(now.minus(plan.budgetWindow()))) gate.counted(first.startedAt());
          return;
        }
        RecoveryAttempt closed = last.finished(now, false, "interrupted by a leader change");
        saves.add(store.save(closed));
        if (runs.containsKey(plan.component())) return;
        resume(plan, gate, runId, first, closed, attempts);
      });
      return Future.join(saves).<Void>mapEmpty().otherwiseEmpty();
    });
  }

  private void resume(RecoveryConfig.Plan plan, PlanGate gate, String runId, RecoveryAttempt first,
                      RecoveryAttempt interrupted, List<RecoveryAttempt> attempts) {
    int step = detail(interrupted, "step", 0);
    int attempt = detail(interrupted, "attempt", 1);
    if (step >= plan.actions().size() || !plan.actions().get(step).name().equals(interrupted.action())) {
      LOG.warn("recovery run {} of {} was interrupted, and its plan changed since: not continued", runId, plan.component());
      gate.counted(first.startedAt());
      return;
    }
    PlanRun planRun = PlanRun.resumedAfter(plan.steps(), step, attempt, attempts.size());
    gate.started(first.startedAt());
    Run run = new Run(runId, plan, planRun, first.trigger(), first.actor(),
        new ArrayList<>(attempts.stream().map(RecoveryAttempt::id).toList()));
    runs.put(plan.component(), run);
    LOG.info("recovery run {} of {} continues after its interrupted attempt {} ({})", runId, plan.component(),
        interrupted.id(), planRun.state().wireName());
    events.runChanged(run.id, plan.component(), "running", run.trigger, run.actor, run.attempts);
    run.next(planRun.state());
  }

  private static RecoveryAttempt withResult(RecoveryAttempt a, String result) {
    if (result == null) return a;
    Map<String, Object> details = new LinkedHashMap<>(a.details());
    details.put(RESULT, result);
    return new RecoveryAttempt(a.id(), a.runId(), a.component(), a.action(), a.trigger(), a.actor(), a.startedAt(),
        a.durationMs(), a.outcome(), a.error(), details);
  }

  private static int detail(RecoveryAttempt attempt, String key, int fallback) {
    return attempt.details().get(key) instanceof Number n ? n.intValue() : fallback;
  }

  private PlanGate gate(RecoveryConfig.Plan plan) {
    PlanGate gate = gates.computeIfAbsent(plan.component(),
        c -> new PlanGate(plan.budgetRuns(), plan.budgetWindow(), plan.cooldown()));
    return gate;
  }

  private void remember(String component, String attemptId) {
    Deque<String> ids = recent.computeIfAbsent(component, c -> new ArrayDeque<>());
    ids.addLast(attemptId);
    while (ids.size() > RECENT_ATTEMPTS) ids.removeFirst();
  }

  private List<String> recentOf(String component) {
    return List.copyOf(recent.getOrDefault(component, new ArrayDeque<>()));
  }

  // ---- one run ------------------------------------------------------------------------------------------------

  private final class Run {
    final String id;
    final RecoveryConfig.Plan plan;
    final PlanRun run;
    final String trigger;
    final String actor;
    final List<String> attempts;
    RecoveryAttempt current;
    long timer = -1;
    boolean over;

    Run(String id, RecoveryConfig.Plan plan, PlanRun run, String trigger, String actor, List<String> attempts) {
      this.id = id;
      this.plan = plan;
      this.run = run;
      this.trigger = trigger;
      this.actor = actor;
      this.attempts = attempts;
    }

    String component() {
      return plan.component();
    }

    void act() {
      if (over) return;
      if (ports.systemStopped()) {
        abort("the system is stopped");
        return;
      }
      PlanStep step = run.step();
      Map<String, Object> details = Map.of("step", run.stepIndex(), "attempt", run.attempt());
      RecoveryAttempt started = new RecoveryAttempt(ids.next(), id, component(), step.action(), trigger, actor,
          clock.instant(), null, AttemptOutcome.RUNNING, null, details);
      current = started;
      attempts.add(started.id());
      remember(component(), started.id());
      store.save(started).onFailure(e -> LOG.warn("recovery attempt {} not saved as started: {}", started.id(),
          e.getMessage()));
      ActionContext context = new ActionContext(component(), id, started.id(), step.action(), run.attempt(), trigger);
      Future<ActionResult> result;
      try {
        result = actions.apply(plan.actions().get(run.stepIndex())).run(context);
      } catch (RuntimeException e) {
        result = Future.failedFuture(e);
      }
      within(result, step.timeout(), step.action())
          .otherwise(e -> ActionResult.failed(describe(e)))
          .onSuccess(done -> acted(started, done));
    }

    private void acted(RecoveryAttempt attempt, ActionResult result) {
      if (over || current != attempt) return;
      run.acted();
      if (result.escalate()) {
        run.escalate();
        finish(attempt, false, false, "manual intervention required: " + result.detail(), null);
        end("manual");
        return;
      }
      within(ports.probe(component()), config.verifyTimeout(), "the re-probe").otherwise(false).onSuccess(healed -> {
        if (over || current != attempt) return;
        finish(attempt, result.ok(), healed, healed ? null
            : (result.ok() ? "still unhealthy after " + result.detail() : result.detail()),
            result.ok() ? result.detail() : null);
        next(run.verified(healed));
      });
    }

    void next(RunState state) {
      switch (state) {
        case HEALED, EXHAUSTED -> end("exhausted");
        case BACKING_OFF -> timer = timers.schedule(Math.max(1, run.backoff().toMillis()), () -> {
          timer = -1;
          if (over) return;
          run.backoffOver();
          act();
        });
        case ACTING -> timers.defer(this::act);
        default -> { }
      }
    }

    /** {@code result}: what the action did when it ran (kept in the attempt's details, named by its fact). */
    private void finish(RecoveryAttempt attempt, boolean actionOk, boolean healed, String error, String result) {
      RecoveryAttempt done = withResult(attempt.finished(clock.instant(), healed, error), result);
      current = null;
      store.save(done).onFailure(e -> LOG.warn("recovery attempt {} not saved as finished: {}", done.id(),
          e.getMessage()));
      events.attemptFinished(done, detail(attempt, "attempt", 1), actionOk, healed);
    }

    void abort(String reason) {
      if (over) return;
      if (timer >= 0) timers.cancel(timer);
      run.abort();
      if (current != null) finish(current, false, false, "aborted: " + reason, null);
      LOG.info("recovery run {} of {} aborted: {}", id, component(), reason);
      end(null);
    }

    private void end(String escalation) {
      over = true;
      runs.remove(component(), this);
      boolean healed = run.state() == RunState.HEALED;
      gates.get(component()).ended(clock.instant(), healed);
      events.runChanged(id, component(), run.state().wireName(), trigger, actor, List.copyOf(attempts));
      if (run.state() == RunState.EXHAUSTED) escalate(component(), id, attempts, escalation);
    }
  }

  private <T> Future<T> within(Future<T> call, Duration timeout, String what) {
    Promise<T> promise = Promise.promise();
    long timer = timers.schedule(Math.max(1, timeout.toMillis()), () -> promise.tryFail(
        new TimeoutException(what + " did not end within " + timeout.toMillis() + " ms")));
    call.onComplete(result -> {
      timers.cancel(timer);
      if (result.succeeded()) promise.tryComplete(result.result());
      else promise.tryFail(result.cause());
    });
    return promise.future();
  }

  private static String describe(Throwable e) {
    String message = e.getMessage();
    return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
  }
}
