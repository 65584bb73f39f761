package io.vigil.alarm;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vigil.bus.Addresses;
import io.vigil.bus.Commands;
import io.vigil.bus.Facts;
import io.vigil.bus.Failure;
import io.vigil.bus.FieldError;
import io.vigil.config.AlarmSlice;
import io.vigil.config.ConfigException;
import io.vigil.domain.IllegalTransitionException;
import io.vigil.domain.Severity;
import io.vigil.domain.TaskIds;
import io.vigil.domain.Timers;
import io.vigil.domain.alarm.Alarm;
import io.vigil.domain.alarm.AlarmEngine;
import io.vigil.domain.alarm.AlarmNotFoundException;
import io.vigil.domain.alarm.AlarmRule;
import io.vigil.domain.alarm.AlarmState;
import io.vigil.domain.alarm.ComponentFact;
import io.vigil.domain.alarm.Decisions;
import io.vigil.domain.alarm.StopRequest;
import io.vigil.domain.fact.AlarmStateChanged;
import io.vigil.domain.fact.Stamps;
import io.vigil.kit.VertxTimers;
import io.vigil.store.Stores;
import io.vigil.store.alarms.AlarmQuery;
import io.vigil.store.alarms.AlarmRecord;
import io.vigil.store.silences.Silence;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The alarm engine of the cluster, on the leading node only (deployed and undeployed by the app as leadership moves).
 * Thin: it feeds {@link AlarmEngine} with samples made from the facts on the bus ({@link FactSamples}) and with time
 * (a one-shot timer at the engine's next wake-up, at most a second away), publishes what it decides as
 * {@code vigil.alarm.state.changed} at once, hands the emergency stop to this node's control verticle, and has the
 * {@link Ledger} write every decision — alarms, timeline, outbox rows — as one transaction. It answers the alarm, silence
 * and rule commands of every node's API.
 *
 * <p>On start (and whenever a write lost to another writer) it reads the open alarms and the silences from the store
 * and restores a fresh engine from them: what was open before is re-evaluated on the next fresh sample, what cleared
 * meanwhile resolves and its resolve is sent, what was sent is not sent again. Until then facts are ignored (they
 * come again) and commands wait.
 */
public final class AlarmVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(AlarmVerticle.class);
  private static final long TICK_MAX_MS = 1_000;
  private static final long STORE_POLL_MS = 1_000;
  private static final int RESTORE_LIMIT = AlarmQuery.MAX_LIMIT;
  private static final int TIMELINE_LIMIT = 1_000;

  private final Stores stores;
  private final Clock clock;
  private final String node;
  private AlarmSlice slice;
  private AlarmEngine engine;
  private Ledger ledger;
  private AlarmFacts facts;
  private Timers timers;
  private Supplier<String> ids;
  private Future<Void> ready;
  private long tickTimer = -1;
  /** The latest status of every component, to hand a freshly restored engine (statuses are facts of change). */
  private final Map<String, ComponentFact> components = new java.util.LinkedHashMap<>();
  private long restoreRetryMs = 500;
  private long storePoll = -1;

  public AlarmVerticle(AlarmSlice slice, Stores stores, Clock clock, String node) {
    this.slice = slice;
    this.stores = stores;
    this.clock = clock;
    this.node = node;
  }

  @Override
  public Future<?> start() {
    timers = VertxTimers.on(context);
    ids = new TaskIds(clock)::next;
    facts = new AlarmFacts(new Stamps(clock), node,
        rule -> slice.alarms().rule(rule).flatMap(AlarmRule::recoveryPlan).orElse(null));
    ledger = new Ledger(stores.alarms(), clock, timers, ids, node, () -> slice.externalUrl(), new Ledger.Listener() {
      @Override
      public void queued(Set<String> channels) {
        Facts.publish(vertx.eventBus(), Addresses.NOTIFY_OUTBOX_QUEUED,
            new JsonObject().put("channels", new JsonArray(List.copyOf(channels))));
      }

      @Override
      public void lost(Throwable conflict) {
        restore();
      }
    });
    var bus = vertx.eventBus();
    Facts.listen(bus, Addresses.QUEUE_STATS_UPDATED, stats -> feed(() -> engine.onSamples(FactSamples.of(stats))));
    Facts.listen(bus, Addresses.BREAKER_STATE_CHANGED, b -> feed(() -> engine.onSample(FactSamples.of(b))));
    Facts.listen(bus, Addresses.NOTIFY_DELIVERY_RECORDED, d -> feed(() -> engine.onSample(FactSamples.of(d))));
    Facts.listen(bus, Addresses.RECOVERY_ESCALATED, e -> feed(() -> engine.onSample(FactSamples.of(e))));
    Facts.listen(bus, Addresses.PROBE_RESULT_RECORDED, results -> feed(() -> engine.onSamples(results.results().stream()
        .flatMap(r -> FactSamples.of(r, node).stream()).toList())));
    Facts.listen(bus, Addresses.PROBE_STATUS_CHANGED, changed -> {
      // kept even before the engine is restored: a status is said once, when it changes
      ComponentFact fact = FactSamples.of(changed, slice.probeTypes().get(changed.component()));
      components.put(fact.component(), fact);
      feed(() -> engine.onComponent(fact));
    });
    Facts.listen(bus, Addresses.CONFIG_APPLIED, applied -> {
      if (!applied.changes().touches("alarms", "notifications")) return;
      slice = AlarmSlice.of(applied.config());
      feed(() -> engine.replaceRules(slice.alarms().rules(), slice.alarms().routing()));
      LOG.info("alarm rules reloaded: {} rule(s)", slice.alarms().rules().size());
    });
    // the store's buffer is sampled while this node's store is down: it is 0 while it is up
    Facts.listenWithOrigin(bus, Addresses.STORE_UNAVAILABLE, (down, origin) -> {
      if (origin == null || origin.equals(node)) pollStore();
    });
    bindCommands();
    restore();
    return Future.succeededFuture();
  }

  // ---- restore -------------------------------------------------------------------------------------------

  /** A fresh engine from the store's open alarms and silences; retried while the store does not answer. */
  private void restore() {
    engine = new AlarmEngine(slice.alarms().rules(), slice.alarms().routing(), clock, ids);
    Instant now = clock.instant();
    Future<List<AlarmRecord>> open = stores.alarms().list(AlarmQuery.open(RESTORE_LIMIT));
    Future<List<Silence>> silences = stores.silences().list(now, RESTORE_LIMIT);
    ready = Future.all(open, silences).map(done -> {
      List<io.vigil.domain.alarm.Silence> live = new ArrayList<>();
      for (Silence s : silences.result()) {
        try {
          live.add(Silences.toEngine(s));
        } catch (IllegalArgumentException e) {
          LOG.warn("silence {} is not applied: {}", s.id(), e.getMessage());
        }
      }
      ledger.restart(open.result());
      Decisions restored = engine.restore(open.result().stream().map(AlarmRecord::toAlarm).toList(), live);
      LOG.info("alarm engine restored: {} open alarm(s), {} silence(s)", open.result().size(), live.size());
      restoreRetryMs = 500;
      handle(restored);
      components.values().forEach(c -> handle(engine.onComponent(c)));
      return (Void) null;
    });
    ready.onSuccess(v -> pollStore());
    ready.onFailure(e -> {
      LOG.warn("cannot read the open alarms ({}); retrying in {} ms", e.getMessage(), restoreRetryMs);
      long delay = restoreRetryMs;
      restoreRetryMs = Math.min(10_000, restoreRetryMs * 2);
      timers.schedule(delay, this::restore);
    });
  }

  // ---- deciding ------------------------------------------------------------------------------------------

  /** Runs an engine call once the engine is restored; facts that arrive before then are dropped (they recur). */
  private void feed(Supplier<Decisions> call) {
    if (ready == null || !ready.succeeded()) return;
    handle(call.get());
  }

  /** Publishes, stops, persists; then the timer follows the engine's next wake-up. */
  private Decisions handle(Decisions decisions) {
    if (!decisions.isEmpty()) {
      for (AlarmStateChanged fact : facts.of(decisions)) {
        if (fact.change() == AlarmStateChanged.Change.TRANSITION) {
          LOG.info("ALARM {} {} {}: {}", fact.to().wireName().toUpperCase(java.util.Locale.ROOT), fact.rule(),
              fact.alarmId(), fact.summary());
        }
        Facts.publish(vertx.eventBus(), Addresses.ALARM_STATE_CHANGED, fact);
      }
      decisions.stopRequests().forEach(this::stop);
      ledger.record(decisions);
    }
    rearm();
    return decisions;
  }

  private void rearm() {
    if (tickTimer >= 0) timers.cancel(tickTimer);
    long now = clock.millis();
    long delay = engine.nextWakeUp().map(at -> at.toEpochMilli() - now).orElse(TICK_MAX_MS);
    tickTimer = timers.schedule(Math.max(1, Math.min(TICK_MAX_MS, delay)), () -> {
      tickTimer = -1;
      if (ready.succeeded()) handle(engine.tick());
      else rearm();
    });
  }

  /** A critical rule with {@code stop: true} fired: every node switches to stopped, through this node's control. */
  private void stop(StopRequest request) {
    LOG.error("EMERGENCY STOP requested by rule {} (alarm {}): {}", request.alarm().rule(), request.alarm().id(),
        request.reason());
    JsonObject command = new JsonObject().put("mode", "stopped").put("actor", "alarm:" + request.alarm().rule())
        .put("reason", request.reason() + " (alarm " + request.alarm().id() + ")");
    Commands.request(vertx.eventBus(), Addresses.SYSTEM_MODE_SET, command, new DeliveryOptions().setSendTimeout(5_000))
        .onFailure(e -> LOG.error("the emergency stop could not be set: {}", e.getMessage()));
  }

  /**
   * Samples this node's store buffer (rows held while PostgreSQL refuses them), then again every
   * {@link #STORE_POLL_MS} while the store is down or does not answer; once it is up (the sample is then 0) it
   * waits for the next {@code vigil.store.unavailable} — an idle node does not ask its store every second.
   */
  private void pollStore() {
    if (storePoll >= 0) timers.cancel(storePoll);
    storePoll = -1;
    if (ready == null || !ready.succeeded()) return;
    Commands.request(vertx.eventBus(), Addresses.STORE_HEALTH, new JsonObject(),
            new DeliveryOptions().setSendTimeout(STORE_POLL_MS))
        .onComplete(answer -> {
          boolean up = answer.succeeded() && answer.result().body().getBoolean("up", true);
          if (answer.succeeded()) {
            // rows wait for their batch while PostgreSQL is up too: only what it does not take counts
            long held = up ? 0 : answer.result().body().getLong("buffered", 0L);
            feed(() -> engine.onSample(FactSamples.storeBuffered(node, held, clock.instant())));
          }
          if (!up && storePoll < 0) storePoll = timers.schedule(STORE_POLL_MS, this::pollStore);
        });
  }

  // ---- commands ------------------------------------------------------------------------------------------

  private void bindCommands() {
    var bus = vertx.eventBus();
    Commands.bind(bus, Addresses.ALARMS_SNAPSHOT, (q, m) -> whenReady(() -> new JsonObject().put("alarms",
        new JsonArray(engine.openAlarms().stream().map(AlarmJson::alarm).toList()))));
    Commands.bind(bus, Addresses.ALARMS_LIST, (q, m) -> ready().compose(v -> list(q)));
    Commands.bind(bus, Addresses.ALARMS_GET, (q, m) -> ready().compose(v -> get(q)));
    Commands.bind(bus, Addresses.ALARMS_ACK, (q, m) -> whenReady(() -> {
      String id = q.getString("id");
      handle(engine.acknowledge(id, q.getString("actor"), q.getString("comment", "")));
      return AlarmJson.alarm(engine.alarm(id).orElseThrow());
    }));
    Commands.bind(bus, Addresses.ALARMS_RESOLVE, (q, m) -> whenReady(() -> {
      String id = q.getString("id");
      Decisions d = handle(engine.resolve(id, q.getString("actor"), q.getString("comment", "")));
      return AlarmJson.alarm(d.alarms().stream().filter(a -> a.id().equals(id)).findFirst().orElseThrow());
    }));
    Commands.bind(bus, Addresses.SILENCES_LIST, (q, m) -> {
      Instant now = clock.instant();
      return stores.silences().list(q.getBoolean("all", false) ? Instant.MIN : now, q.getInteger("limit", 100))
          .map(list -> new JsonObject().put("silences",
              new JsonArray(list.stream().map(s -> AlarmJson.silence(s, now)).toList())));
    });
    Commands.bind(bus, Addresses.SILENCES_CREATE, (q, m) -> ready().compose(v -> {
      Instant now = clock.instant();
      Silence silence = Silences.fromRequest(q, ids.get(), q.getString("actor"), now);
      return stores.silences().create(silence).map(created -> {
        handle(engine.addSilence(Silences.toEngine(created)));
        LOG.info("silence {} by {} until {}: {}", created.id(), created.createdBy(), created.endsAt(), created.comment());
        return AlarmJson.silence(created, now);
      });
    }));
    Commands.bind(bus, Addresses.SILENCES_EXPIRE, (q, m) -> ready().compose(v -> {
      Instant now = clock.instant();
      return stores.silences().expire(q.getString("id"), now).map(expired -> {
        Silence s = expired.orElseThrow(() -> Failure.notFound("silence " + q.getString("id")).asException());
        handle(engine.removeSilence(s.id()));
        LOG.info("silence {} expired by {}", s.id(), q.getString("actor"));
        return AlarmJson.silence(s, now);
      });
    }));
    Commands.bind(bus, Addresses.RULES_LIST, (q, m) -> whenReady(() -> new JsonObject()
        .put("rules", new JsonArray(engine.rules().stream().map(AlarmJson::rule).toList()))
        .put("routes", AlarmJson.routes(slice.alarms().routing()))));
    Commands.bind(bus, Addresses.RULES_TEST, (q, m) -> whenReady(() -> {
      AlarmRule rule;
      try {
        rule = slice.alarms().parseRule(plain(q), slice.channels());
      } catch (ConfigException e) {
        throw Failure.invalid(e.details().stream().map(p -> new FieldError(p.path(), p.message())).toList())
            .asException();
      }
      return AlarmJson.test(engine.testRule(rule));
    }));
  }

  private Future<Void> ready() {
    return ready == null ? Future.failedFuture("not started") : ready.recover(e -> Future.failedFuture(
        Failure.unavailable(Failure.Codes.STORE_UNAVAILABLE, "the alarm engine is waiting for the store", 5)
            .asException()));
  }

  /** An engine call once restored; its exceptions become coded failures (404, 409, 422). */
  private Future<JsonObject> whenReady(Supplier<JsonObject> call) {
    return ready().map(v -> {
      try {
        return call.get();
      } catch (AlarmNotFoundException e) {
        throw Failure.of(404, Failure.Codes.NOT_FOUND, e.getMessage()).asException();
      } catch (IllegalTransitionException e) {
        throw Failure.of(409, Failure.Codes.ILLEGAL_ALARM_TRANSITION, "the alarm cannot do that now ("
            + e.getMessage().replace("illegal transition ", "").toLowerCase(java.util.Locale.ROOT) + ")").asException();
      }
    });
  }

  private Future<JsonObject> list(JsonObject q) {
    Set<AlarmState> states = EnumSet.noneOf(AlarmState.class);
    q.getJsonArray("states", new JsonArray()).forEach(s -> states.add(AlarmState.fromWire((String) s)));
    String severity = q.getString("severity");
    AlarmQuery query = new AlarmQuery(states, severity == null ? null : Severity.fromWire(severity),
        q.getString("rule"), q.getInteger("limit", 100));
    return stores.alarms().list(query).map(records -> new JsonObject().put("alarms", new JsonArray(
        records.stream().map(r -> AlarmJson.alarm(live(r)).put("notifications_sent", r.notifications())).toList())));
  }

  private Future<JsonObject> get(JsonObject q) {
    String id = q.getString("id");
    return stores.alarms().find(id).compose(found -> {
      AlarmRecord record = found.orElseThrow(() -> Failure.notFound("alarm " + id).asException());
      return stores.alarms().timeline(id, q.getInteger("limit", TIMELINE_LIMIT)).map(timeline -> new JsonObject()
          .put("alarm", AlarmJson.alarm(live(record)).put("notifications_sent", record.notifications()))
          .put("timeline", new JsonArray(timeline.stream().map(AlarmJson::entry).toList())));
    });
  }

  /** The engine's live view of an open alarm (its latest value), else the stored one. */
  private Alarm live(AlarmRecord record) {
    return engine.alarm(record.id()).orElseGet(record::toAlarm);
  }

  /** A JSON body as plain maps and lists, as the configuration reader reads a file. */
  @SuppressWarnings("unchecked")
  private static Map<String, Object> plain(JsonObject json) {
    return (Map<String, Object>) unwrap(json);
  }

  private static Object unwrap(Object value) {
    if (value instanceof JsonObject o) {
      Map<String, Object> map = new java.util.LinkedHashMap<>();
      o.forEach(e -> map.put(e.getKey(), unwrap(e.getValue())));
      return map;
    }
    if (value instanceof JsonArray a) return a.stream().map(AlarmVerticle::unwrap).toList();
    return value;
  }
}
