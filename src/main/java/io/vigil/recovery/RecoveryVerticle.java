package io.vigil.recovery;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vigil.bus.Addresses;
import io.vigil.bus.Commands;
import io.vigil.bus.FailoverList;
import io.vigil.bus.Facts;
import io.vigil.bus.Failure;
import io.vigil.bus.FieldError;
import io.vigil.config.ConfigApplied;
import io.vigil.config.RecoveryConfig;
import io.vigil.config.RecoverySlice;
import io.vigil.domain.Millis;
import io.vigil.domain.SystemMode;
import io.vigil.domain.alarm.AlarmState;
import io.vigil.domain.fact.AlarmStateChanged;
import io.vigil.domain.fact.RecoveryAttemptFinished;
import io.vigil.domain.fact.RecoveryEscalated;
import io.vigil.domain.fact.RecoveryRunChanged;
import io.vigil.domain.fact.Stamps;
import io.vigil.domain.fact.TargetSwitched;
import io.vigil.domain.recovery.Admission;
import io.vigil.domain.recovery.FailoversInForce;
import io.vigil.kit.VertxTimers;
import io.vigil.recovery.action.Actions;
import io.vigil.recovery.action.Failovers;
import io.vigil.store.Stores;
import io.vigil.store.attempts.AttemptQuery;
import io.vigil.store.attempts.RecoveryAttempt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Set;

/**
 * Runs the recovery plans — on the leading node only (app wiring deploys it there). Thin: {@link Recoveries} holds
 * the runs, budgets and cooldowns; the actions are one class each ({@link Actions}). It listens to component status
 * changes, firing alarms whose rule names a plan and the system mode; re-probes a component through
 * {@code vigil.probes.run}; publishes the recovery facts, logs {@code RECOVERY_ATTEMPT} and counts attempts; answers
 * {@code vigil.recovery.*} for every node's API. A reload touching {@code recovery} re-reads its slice.
 */
public final class RecoveryVerticle extends VerticleBase implements Recoveries.Ports, Recoveries.Events {
  private static final Logger LOG = LoggerFactory.getLogger(RecoveryVerticle.class);
  private static final Duration STATS_WINDOW = Duration.ofDays(30);
  private static final int RECENT_FAILURES = 10;

  private RecoverySlice slice;
  private final Stores store;
  private final Clock clock;
  private final Stamps stamps;
  private final RecoveryMeters meters = new RecoveryMeters();
  private Recoveries recoveries;
  private Failovers failovers;
  private FailoverLedger ledger;
  /** Completes once the stored failovers were resumed (the probe verticle asks for them as it starts). */
  private Future<Void> failoversResumed = Future.succeededFuture();
  private WebClient client;
  private boolean stopped;

  public RecoveryVerticle(RecoverySlice slice, Stores store, Clock clock) {
    this.slice = slice;
    this.store = store;
    this.clock = clock;
    this.stamps = new Stamps(clock);
  }

  @Override
  public Future<?> start() {
    var bus = vertx.eventBus();
    var timers = VertxTimers.on(context);
    client = WebClient.create(vertx, new WebClientOptions().setConnectTimeout(5_000));
    failovers = new Failovers(timers, url -> client.getAbs(url).timeout(5_000).send()
        .map(response -> response.statusCode() < 400), this::switchTargets);
    ledger = new FailoverLedger(store.config(), clock);
    Actions actions = new Actions(vertx, client, store.backend(), failovers, clock);
    recoveries = new Recoveries(clock, timers, store.recovery(), slice.recovery(),
        action -> actions.create(action, slice.recovery().allowExec()), this, this);
    Facts.listen(bus, Addresses.PROBE_STATUS_CHANGED, c -> recoveries.statusChanged(c.component(), c.status()));
    Facts.listen(bus, Addresses.ALARM_STATE_CHANGED, this::alarm);
    Facts.listen(bus, Addresses.SYSTEM_MODE_CHANGED, changed -> {
      stopped = changed.mode() == SystemMode.STOPPED;
      if (stopped) recoveries.abortAll("the system was stopped");
    });
    Facts.listen(bus, Addresses.CONFIG_APPLIED, this::reconfigure);
    bindCommands();
    failoversResumed = ledger.load().onSuccess(this::resumeFailovers).<Void>mapEmpty().recover(e -> {
      LOG.warn("stored failovers not read (every target starts on its primary): {}", e.getMessage());
      return Future.succeededFuture();
    });
    // not awaited: the probes deploy next and must not wait on the store (a run triggered meanwhile is not doubled)
    Commands.request(bus, Addresses.SYSTEM_MODE_GET, new JsonObject(), new DeliveryOptions().setSendTimeout(5_000))
        .onSuccess(reply -> stopped = SystemMode.STOPPED.wireName().equals(reply.body().getString("mode")))
        .transform(v -> recoveries.restore())
        .onSuccess(v -> LOG.info("recovery plans for {}", slice.recovery().plans().keySet()))
        .onFailure(e -> LOG.warn("recovery runs without the store's past attempts (budgets start empty): {}",
            e.getMessage()));
    return Future.succeededFuture();
  }

  @Override
  public Future<?> stop() {
    // runs stay "running" in the store: the next leader continues them after their last attempt
    recoveries.abandon();
    failovers.stop();
    client.close();
    return Future.succeededFuture();
  }

  private void alarm(AlarmStateChanged changed) {
    if (changed.plan() == null || !changed.movedTo(AlarmState.FIRING)) return;
    Recoveries.Started started = recoveries.trigger(changed.plan(), "alarm", "alarm:" + changed.rule());
    if (started == null) LOG.warn("alarm rule {} names recovery plan {}, which does not exist", changed.rule(), changed.plan());
  }

  private void reconfigure(ConfigApplied applied) {
    if (!applied.changes().touches("recovery", "components")) return;
    slice = RecoverySlice.of(applied.config());
    recoveries.configure(slice.recovery());
    LOG.info("recovery plans reconfigured: {}", slice.recovery().plans().keySet());
  }

  // ---- ports -------------------------------------------------------------------------------------------------

  @Override
  public Future<Boolean> probe(String component) {
    return Commands.request(vertx.eventBus(), Addresses.PROBES_RUN,
            new JsonObject().put("id", component).put("actor", "recovery"),
            new DeliveryOptions().setSendTimeout(slice.recovery().verifyTimeout().toMillis()))
        .map(reply -> {
          JsonArray results = reply.body().getJsonArray("results", new JsonArray());
          String outcome = results.isEmpty() ? "" : results.getJsonObject(0).getString("outcome", "");
          return outcome.equals("ok") || outcome.equals("degraded");
        });
  }

  @Override
  public boolean systemStopped() {
    return stopped;
  }

  // ---- events ------------------------------------------------------------------------------------------------

  @Override
  public void runChanged(String runId, String component, String state, String trigger, String actor,
                         List<String> attempts) {
    Facts.publish(vertx.eventBus(), Addresses.RECOVERY_RUN_CHANGED,
        new RecoveryRunChanged(stamps.next(), runId, component, state, trigger, actor, attempts));
  }

  @Override
  public void attemptFinished(RecoveryAttempt a, int attemptNumber, boolean actionOk, boolean healed) {
    long duration = a.durationMs() == null ? 0 : a.durationMs();
    LOG.info("RECOVERY_ATTEMPT attempt_id={} run_id={} component={} action={} attempt={} trigger={} started={} "
            + "duration_ms={} success={} action_ok={} error={}", a.id(), a.runId(), a.component(), a.action(),
        attemptNumber, a.trigger(), Millis.format(a.startedAt()), duration, healed, actionOk,
        a.error() == null ? "" : a.error());
    meters.attempt(a.action(), healed ? "healed" : actionOk ? "not_healed" : "failed");
    Facts.publish(vertx.eventBus(), Addresses.RECOVERY_ATTEMPT_FINISHED, new RecoveryAttemptFinished(stamps.next(),
        a.id(), a.runId(), a.component(), a.action(), attemptNumber, a.trigger(), a.actor(), a.startedAt(), duration,
        actionOk, healed, a.error(), a.details().get(Recoveries.RESULT) instanceof String r ? r : null));
  }

  @Override
  public void escalated(String component, String runId, List<String> attempts, String reason, boolean open) {
    if (open) {
      LOG.warn("RECOVERY_ESCALATED component={} run_id={} reason={} attempts={}", component, runId, reason, attempts);
      meters.escalation(reason);
    }
    Facts.publish(vertx.eventBus(), Addresses.RECOVERY_ESCALATED, new RecoveryEscalated(stamps.next(), component,
        runId, attempts, reason, slice.suggestedActions().get(component), open));
  }

  /** Failovers a previous leader left in force: resumed while the plan still has a failover, else switched back. */
  private void resumeFailovers(java.util.Map<String, FailoverLedger.Entry> stored) {
    stored.forEach((component, entry) -> {
      RecoveryConfig.Failover failover = slice.recovery().plan(component).flatMap(plan -> plan.actions().stream()
          .map(RecoveryConfig.Action::params).filter(RecoveryConfig.Failover.class::isInstance)
          .map(RecoveryConfig.Failover.class::cast).findFirst()).orElse(null);
      if (failover != null) {
        LOG.info("{} was failed over before this leader started; announced again", component);
        failovers.resume(component, failover);
      } else {
        switchTargets(component, new RecoveryConfig.Failover(entry.target(), entry.taskTypes(), entry.probe(), null,
            Duration.ofSeconds(1), 1), null);
      }
    });
  }

  private void switchTargets(String component, RecoveryConfig.Failover failover, String target) {
    ledger.switched(component, target, failover.taskTypes(), failover.probe());
    LOG.warn("recovery {} {} ({} task type(s), probe {})", target == null ? "switches back to the primary of"
        : "fails over", component, failover.taskTypes().size(), failover.probe());
    Facts.publish(vertx.eventBus(), Addresses.RECOVERY_TARGET_SWITCHED,
        new TargetSwitched(stamps.next(), component, failover.taskTypes(), failover.probe(), target));
  }

  // ---- commands ----------------------------------------------------------------------------------------------

  private void bindCommands() {
    var bus = vertx.eventBus();
    Commands.bind(bus, Addresses.RECOVERY_RUN, (q, m) -> run(q));
    Commands.bind(bus, Addresses.RECOVERY_ATTEMPTS, (q, m) -> attempts(q));
    Commands.bind(bus, Addresses.RECOVERY_STATS, (q, m) -> stats(q));
    Commands.bind(bus, Addresses.RECOVERY_SNAPSHOT, (q, m) -> Future.succeededFuture(snapshot()));
    Commands.bind(bus, Addresses.RECOVERY_FAILOVERS, (q, m) -> failoversResumed.map(v -> failoversNow()));
  }

  private Future<JsonObject> run(JsonObject q) {
    String component = q.getString("component", "");
    String actor = q.getString("actor", "operator");
    Recoveries.Started started = recoveries.trigger(component, "manual", actor);
    if (started == null) return Future.failedFuture(Failure.notFound("recovery plan for component " + component).asException());
    Admission admission = started.admission();
    if (admission.verdict() == Admission.Verdict.SYSTEM_STOPPED) {
      return Future.failedFuture(Failure.of(409, Failure.Codes.RECOVERY_REFUSED,
          "the system is stopped: recovery waits until it runs again").asException());
    }
    if (!admission.admitted()) {
      return Future.failedFuture(Failure.of(409, Failure.Codes.RECOVERY_REFUSED, switch (admission.verdict()) {
        case RUNNING -> "a recovery run of " + component + " is under way";
        case DISABLED -> "recovery is switched off (recovery.enabled)";
        default -> "recovery of " + component + " is refused: " + admission.verdict().wireName();
      }).asException());
    }
    LOG.info("recovery of {} asked by {}{}", component, actor, q.getString("reason") == null ? ""
        : " (" + q.getString("reason") + ")");
    return Future.succeededFuture(new JsonObject().put("component", component).put("run_id", started.runId())
        .put("state", "running"));
  }

  private Future<JsonObject> attempts(JsonObject q) {
    AttemptQuery query = new AttemptQuery(q.getString("component"), q.getBoolean("success"), q.getInteger("limit", 100));
    return store.recovery().list(query).map(list -> new JsonObject()
        .put("attempts", new JsonArray(list.stream().map(RecoveryJson::attempt).toList())));
  }

  private Future<JsonObject> stats(JsonObject q) {
    Instant since;
    try {
      since = q.getString("since") == null ? clock.instant().minus(STATS_WINDOW) : Instant.parse(q.getString("since"));
    } catch (DateTimeParseException e) {
      return Future.failedFuture(Failure.invalid(List.of(new FieldError("since",
          "an instant like 2026-01-01T00:00:00Z"))).asException());
    }
    String sinceText = Millis.format(since);
    return store.recovery().stats(since, RECENT_FAILURES).map(s -> RecoveryJson.stats(s, sinceText)
        .put("running_plans", new JsonArray(List.copyOf(recoveries.running()))));
  }

  private JsonObject failoversNow() {
    return FailoverList.toJson(failovers.active().entrySet().stream().map(e -> new FailoversInForce.Failover(
        e.getKey(), e.getValue().secondary(), e.getValue().taskTypes(), e.getValue().probe())).toList());
  }

  private JsonObject snapshot() {
    Set<String> running = recoveries.running();
    return new JsonObject().put("recovery", new JsonObject().put("running", new JsonArray(List.copyOf(running))));
  }
}
