package io.vigil.probe;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vigil.config.ComponentConfig;
import io.vigil.config.ProbeSpec;
import io.vigil.domain.Timers;
import io.vigil.domain.health.HealthOutcome;
import io.vigil.domain.health.HealthTracker;
import io.vigil.domain.health.HealthTransition;
import io.vigil.domain.probe.ProbeResult;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;

/**
 * One component's probe on its schedule. The first check runs {@code firstDelayMs} after {@link #start}; after that
 * checks fall at {@code phase + k × interval} from the start, so components with the same interval keep apart, the
 * schedule never drifts (each due time is computed, not added to the last run's end), and a due time missed while the
 * loop was busy is skipped rather than run twice. Each check races its timeout on {@link Timers}; its outcome — ok
 * above {@code degraded_latency_ms} turns degraded — goes to the component's {@link HealthTracker}, and the result
 * and any status change go to the {@link Listener}. A check asked for while one runs ({@code run now}) shares it.
 * Confined to one event loop.
 */
final class ComponentProbe {
  static final int RECENT = 20;

  /** Told of every result (with the status change it caused, or null) and of every scheduled check's lateness. */
  interface Listener {
    void recorded(ComponentProbe probe, ProbeResult result, HealthTransition transition);

    default void late(ComponentProbe probe, long lateMs) {}
  }

  private final ComponentConfig config;
  private final Probe probe;
  private final HealthTracker tracker;
  private final Timers timers;
  private final Clock clock;
  private final Listener listener;
  private final Deque<ProbeResult> recent = new ArrayDeque<>(RECENT);
  private long timer = -1;
  private long nextDueMs;
  private long anchorMs;
  private Future<ProbeResult> inFlight;
  private boolean inFlightManual;
  private boolean stopped;
  private long checks;
  private long failures;

  ComponentProbe(ComponentConfig config, Probe probe, HealthTracker tracker, Timers timers, Clock clock,
                 Listener listener) {
    this.config = config;
    this.probe = probe;
    this.tracker = tracker;
    this.timers = timers;
    this.clock = clock;
    this.listener = listener;
  }

  /** Schedules the first check {@code firstDelayMs} from now and the later ones at {@code phaseMs} + k × interval. */
  void start(long firstDelayMs, long phaseMs) {
    long now = clock.millis();
    anchorMs = now + phaseMs;
    nextDueMs = now + firstDelayMs;
    timer = timers.schedule(firstDelayMs, this::fire);
  }

  private void fire() {
    timer = -1;
    if (stopped) return;
    long now = clock.millis();
    listener.late(this, Math.max(0, now - nextDueMs));
    if (inFlight == null) run(false);
    long interval = config.probe().timing().interval().toMillis();
    nextDueMs = now < anchorMs ? anchorMs : anchorMs + ((now - anchorMs) / interval + 1) * interval;
    timer = timers.schedule(nextDueMs - now, this::fire);
  }

  /**
   * Checks now and answers its result. A scheduled run joins any check under way, a manual one joins a manual check
   * under way; a manual run that finds a scheduled check under way waits for it, then checks on its own, so "run now"
   * always answers a check that started after it was asked for and is marked manual.
   */
  Future<ProbeResult> run(boolean manual) {
    if (inFlight != null) {
      if (!manual || inFlightManual) return inFlight;
      return inFlight.transform(ignored -> run(true));
    }
    Instant started = clock.instant();
    long timeoutMs = config.probe().timing().timeout().toMillis();
    Promise<Reading> reading = Promise.promise();
    long timeout = timers.schedule(timeoutMs, () -> reading.tryComplete(Reading.failed("no answer within " + timeoutMs + " ms")));
    Future<Reading> check;
    try {
      check = probe.check();
    } catch (RuntimeException e) {
      check = Future.failedFuture(e);
    }
    check.onComplete(done -> {
      timers.cancel(timeout);
      reading.tryComplete(done.succeeded() ? done.result()
          : Reading.unknown("the probe itself failed: " + Errors.describe(done.cause())));
    });
    Future<ProbeResult> result = reading.future().map(r -> record(r, started, manual));
    inFlight = result;
    inFlightManual = manual;
    result.onComplete(done -> inFlight = null);
    return result;
  }

  private ProbeResult record(Reading reading, Instant started, boolean manual) {
    Instant now = clock.instant();
    double latencyMs = Duration.between(started, now).toNanos() / 1e6;
    HealthOutcome outcome = slowIsDegraded(reading.outcome(), latencyMs);
    // a stopped probe's tracker may already serve its successor (a changed component): leave it alone
    HealthTransition transition = stopped ? null : tracker.record(outcome).orElse(null);
    ProbeResult result = new ProbeResult(config.id(), config.probe().type(), now, outcome, latencyMs, reading.figures(),
        tracker.status(), tracker.consecutiveFailures(), tracker.consecutiveSuccesses(), manual);
    checks++;
    if (result.failed()) failures++;
    if (recent.size() == RECENT) recent.removeFirst();
    recent.addLast(result);
    if (!stopped) listener.recorded(this, result, transition);
    return result;
  }

  private HealthOutcome slowIsDegraded(HealthOutcome outcome, double latencyMs) {
    Duration limit = degradedAbove(config.probe());
    if (!(outcome instanceof HealthOutcome.Ok) || limit.isZero() || latencyMs <= limit.toMillis()) return outcome;
    return HealthOutcome.degraded(String.format(Locale.ROOT, "answered in %.0f ms, above %d ms", latencyMs, limit.toMillis()));
  }

  /** The latency above which an answer counts as degraded; zero when the probe type has none or it is off. */
  static Duration degradedAbove(ProbeSpec spec) {
    if (spec instanceof ProbeSpec.Http s) return s.degradedAbove();
    if (spec instanceof ProbeSpec.Tcp s) return s.degradedAbove();
    if (spec instanceof ProbeSpec.Dns s) return s.degradedAbove();
    if (spec instanceof ProbeSpec.Redis s) return s.degradedAbove();
    if (spec instanceof ProbeSpec.Postgres s) return s.degradedAbove();
    if (spec instanceof ProbeSpec.EventBus s) return s.degradedAbove();
    if (spec instanceof ProbeSpec.Amqp s) return s.degradedAbove();
    if (spec instanceof ProbeSpec.BullMq s) return s.degradedAbove();
    return Duration.ZERO;
  }

  /** Stops the schedule and releases the probe; a check under way finishes unheard. */
  Future<Void> stop() {
    stopped = true;
    if (timer >= 0) timers.cancel(timer);
    timer = -1;
    return probe.close();
  }

  ComponentConfig config() {
    return config;
  }

  String id() {
    return config.id();
  }

  HealthTracker tracker() {
    return tracker;
  }

  /** The last results, oldest first. */
  List<ProbeResult> recent() {
    return new ArrayList<>(recent);
  }

  ProbeResult last() {
    return recent.peekLast();
  }

  long checks() {
    return checks;
  }

  long failures() {
    return failures;
  }

  /** When the next scheduled check is due (epoch ms). */
  long nextDueMs() {
    return nextDueMs;
  }
}
