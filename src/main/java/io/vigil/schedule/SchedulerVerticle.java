package io.vigil.schedule;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vigil.bus.Addresses;
import io.vigil.bus.Commands;
import io.vigil.bus.Facts;
import io.vigil.bus.Failure;
import io.vigil.bus.FailureException;
import io.vigil.bus.FieldError;
import io.vigil.config.ConfigApplied;
import io.vigil.config.ConfigException;
import io.vigil.config.ScheduleSlice;
import io.vigil.domain.fact.ScheduleChanged;
import io.vigil.domain.fact.Stamps;
import io.vigil.domain.schedule.ScheduleSpec;
import io.vigil.kit.VertxTimers;
import io.vigil.store.schedules.ScheduleStore;
import io.vigil.store.schedules.StoredSchedule;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Recurring tasks, on the leader only (deployed by the leadership seam): runs the {@link Scheduler} over the file's
 * schedules and those created over the API (kept in the {@link ScheduleStore}), and answers the schedule commands,
 * which only the leader binds (any node's API asks it; 503 while none leads). Re-reads the file's schedules on
 * {@code vigil.config.applied}.
 */
public final class SchedulerVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(SchedulerVerticle.class);
  private static final long QUEUE_TIMEOUT_MS = 10_000;
  private static final Set<String> UNFINISHED = Set.of("queued", "delayed", "retrying", "active");

  private ScheduleSlice slice;
  private final ScheduleStore store;
  private final Clock clock;
  private final Stamps stamps;
  private Scheduler scheduler;
  /** API schedules, read from the store at start and kept in step with the API. */
  private final Map<String, ScheduleSpec> fromApi = new LinkedHashMap<>();
  private Future<Void> loaded;

  public SchedulerVerticle(ScheduleSlice slice, ScheduleStore store, Clock clock) {
    this.slice = slice;
    this.store = store;
    this.clock = clock;
    this.stamps = new Stamps(clock);
  }

  @Override
  public Future<?> start() {
    scheduler = new Scheduler(clock, VertxTimers.on(context), store, new BusEnqueuer(vertx.eventBus()));
    bindCommands(vertx.eventBus());
    Facts.listen(vertx.eventBus(), Addresses.CONFIG_APPLIED, this::reconfigure);
    loaded = loadApiSchedules();
    scheduler.start();
    return Future.succeededFuture();
  }

  @Override
  public Future<?> stop() {
    scheduler.stop();
    return Future.succeededFuture();
  }

  /** API schedules from the store; one whose task type is gone since is logged and left out (kept in the store). */
  private Future<Void> loadApiSchedules() {
    return store.list().map(stored -> {
      for (StoredSchedule s : stored) {
        try {
          fromApi.put(s.id(), slice.parse(plain(new JsonObject(s.definition()))));
        } catch (ConfigException | io.vertx.core.json.DecodeException e) {
          LOG.warn("API schedule {} is not run: {}", s.id(), e.getMessage());
        }
      }
      apply();
      LOG.info("scheduler started: {} schedule(s) from the file, {} from the API", slice.schedules().size(),
          fromApi.size());
      return (Void) null;
    }).recover(e -> {
      LOG.warn("API schedules could not be read ({}); retrying in 5 s", e.getMessage());
      Future<Void> retry = Future.future(p -> vertx.setTimer(5_000, id -> loadApiSchedules().onComplete(p)));
      apply(); // the file's schedules run meanwhile
      return retry;
    });
  }

  private void apply() {
    Map<String, ScheduleSpec> all = new LinkedHashMap<>(fromApi);
    all.putAll(slice.schedules()); // the file's win (the API refuses their ids)
    scheduler.setSchedules(all);
  }

  private void reconfigure(ConfigApplied applied) {
    if (!applied.changes().touches("schedules", "task_types", "queues")) return;
    slice = ScheduleSlice.of(applied.config());
    apply();
    LOG.info("schedules reloaded: {} from the file", slice.schedules().size());
  }

  // ---- commands ------------------------------------------------------------------------------------------

  private void bindCommands(EventBus bus) {
    Commands.bind(bus, Addresses.SCHEDULES_LIST, (q, m) -> loaded.map(v -> new JsonObject().put("schedules",
        new JsonArray(scheduler.schedules().values().stream()
            .sorted(java.util.Comparator.comparing(ScheduleSpec::id)).map(this::json).toList()))));
    Commands.bind(bus, Addresses.SCHEDULES_GET, (q, m) -> loaded.map(v -> json(find(q.getString("id")))));
    Commands.bind(bus, Addresses.SCHEDULES_SAVE, (q, m) -> loaded.compose(v -> save(q)));
    Commands.bind(bus, Addresses.SCHEDULES_DELETE, (q, m) -> loaded.compose(v -> delete(q)));
  }

  private ScheduleSpec find(String id) {
    ScheduleSpec spec = id == null ? null : scheduler.schedules().get(id);
    if (spec == null) throw Failure.notFound("schedule " + id).asException();
    return spec;
  }

  private JsonObject json(ScheduleSpec spec) {
    return ScheduleJson.toJson(spec, scheduler.state(spec.id()).orElse(null), scheduler.enqueued(spec.id()),
        scheduler.planner(), clock.instant());
  }

  private Future<JsonObject> save(JsonObject q) {
    JsonObject body = q.getJsonObject("schedule", new JsonObject());
    String actor = q.getString("actor", "bus");
    ScheduleSpec spec;
    try {
      spec = slice.parse(plain(body));
    } catch (ConfigException e) {
      throw Failure.invalid(e.details().stream().map(p -> new FieldError(p.path(), p.message())).toList())
          .asException();
    }
    if (slice.schedules().containsKey(spec.id())) throw fromFile(spec.id());
    StoredSchedule stored = new StoredSchedule(spec.id(), body.encode(), actor, clock.instant());
    return store.save(stored).map(replaced -> {
      fromApi.put(spec.id(), spec);
      if (replaced) scheduler.forget(spec.id()); // a replaced schedule starts afresh from now
      apply();
      String change = replaced ? "replaced" : "created";
      Facts.publish(vertx.eventBus(), Addresses.SCHEDULE_CHANGED,
          new ScheduleChanged(stamps.next(), spec.id(), change, actor, ScheduleJson.describe(spec)));
      LOG.info("schedule {} {} by {}: {}", spec.id(), change, actor, ScheduleJson.describe(spec));
      return new JsonObject().put("schedule", json(spec)).put("replaced", replaced);
    });
  }

  private Future<JsonObject> delete(JsonObject q) {
    String id = q.getString("id");
    String actor = q.getString("actor", "bus");
    if (id != null && slice.schedules().containsKey(id)) throw fromFile(id);
    if (id == null || !fromApi.containsKey(id)) throw Failure.notFound("schedule " + id).asException();
    return store.delete(id).map(deleted -> {
      fromApi.remove(id);
      scheduler.forget(id);
      apply();
      Facts.publish(vertx.eventBus(), Addresses.SCHEDULE_CHANGED,
          new ScheduleChanged(stamps.next(), id, "deleted", actor, null));
      LOG.info("schedule {} deleted by {}", id, actor);
      return new JsonObject().put("id", id).put("deleted", true);
    });
  }

  private static FailureException fromFile(String id) {
    return Failure.of(409, Failure.Codes.SCHEDULE_IN_CONFIG, "schedule " + id
        + " is defined in the configuration file; change it there (it is reloaded live)").asException();
  }

  /** A JSON body as plain maps and lists, as the configuration reader reads a file. */
  @SuppressWarnings("unchecked")
  private static Map<String, Object> plain(JsonObject json) {
    return (Map<String, Object>) unwrap(json);
  }

  private static Object unwrap(Object value) {
    if (value instanceof JsonObject o) {
      Map<String, Object> map = new LinkedHashMap<>();
      o.forEach(e -> map.put(e.getKey(), unwrap(e.getValue())));
      return map;
    }
    if (value instanceof JsonArray a) return a.stream().map(SchedulerVerticle::unwrap).toList();
    return value;
  }

  /** The queue engine of this node, over the bus: the same submission an HTTP client makes. */
  private static final class BusEnqueuer implements Enqueuer {
    private final EventBus bus;
    private final DeliveryOptions options = new DeliveryOptions().setSendTimeout(QUEUE_TIMEOUT_MS);

    BusEnqueuer(EventBus bus) {
      this.bus = bus;
    }

    @Override
    public Future<String> submit(JsonObject request) {
      return Commands.requestHere(bus, Addresses.TASKS_SUBMIT, request, options)
          .map(reply -> reply.body().getJsonObject("task").getString("id"))
          .recover(e -> {
            // the key was used for another payload: the schedule's template changed after this due time was placed
            Failure failure = Failure.from(e);
            return Failure.Codes.IDEMPOTENCY_CONFLICT.equals(failure.code()) ? Future.succeededFuture(null)
                : Future.failedFuture(e);
          });
    }

    @Override
    public Future<Boolean> unfinished(String taskId) {
      return Commands.requestHere(bus, Addresses.TASKS_GET, new JsonObject().put("id", taskId), options)
          .map(reply -> UNFINISHED.contains(reply.body().getString("status")))
          .recover(e -> Failure.Codes.NOT_FOUND.equals(Failure.from(e).code()) ? Future.succeededFuture(false)
              : Future.failedFuture(e));
    }
  }

}
