package io.vigil.control;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vigil.bus.Addresses;
import io.vigil.bus.Commands;
import io.vigil.bus.Facts;
import io.vigil.bus.Failure;
import io.vigil.bus.FieldError;
import io.vigil.config.ConfigApplied;
import io.vigil.config.ConfigChanges;
import io.vigil.config.ConfigException;
import io.vigil.config.ConfigReload;
import io.vigil.config.LoadedConfig;
import io.vigil.config.RunningConfig;
import io.vigil.config.Secrets;
import io.vigil.domain.Millis;
import io.vigil.domain.fact.ConfigReloadFailed;
import io.vigil.domain.fact.ConfigReloadRequested;
import io.vigil.domain.fact.ConfigReloaded;
import io.vigil.domain.fact.Stamps;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * Owns this node's running configuration and its reloads. The file is watched ({@link ConfigWatcher}) and can be
 * reloaded on demand ({@code vigil.config.reload}); an operator's reload can ask every node to re-read its own file
 * ({@code vigil.config.reload.requested}, cluster-wide). A valid file is applied: live sections are handed to the
 * verticles that own them ({@code vigil.config.applied}, node-local), settings that need a restart are reported and
 * logged, and the change is published for the audit log and the stream ({@code vigil.config.reloaded}). An invalid
 * file is refused with every reason ({@code vigil.config.reload.failed}, logged once per content) and the running
 * configuration stays. One instance per node.
 */
public final class ConfigVerticle extends VerticleBase {
  static final String FILE = "file";
  static final String API = "api";
  static final String CLUSTER = "cluster";
  private static final Logger LOG = LoggerFactory.getLogger(ConfigVerticle.class);

  private final RunningConfig running;
  private final Clock clock;
  private final String node;
  private Stamps stamps;
  private ConfigWatcher watcher;
  private boolean looking;
  private List<String> pendingRestart = List.of();
  private JsonObject lastReload;

  /** @param node this node's id (the cluster node id when clustered), named in the facts it publishes */
  public ConfigVerticle(RunningConfig running, Clock clock, String node) {
    this.running = running;
    this.clock = clock;
    this.node = node;
  }

  @Override
  public Future<?> start() {
    stamps = new Stamps(clock);
    LoadedConfig loaded = running.loaded();
    Optional<Path> file = loaded.source().file();
    file.ifPresent(path -> watcher = new ConfigWatcher(vertx.fileSystem(), path, loaded.text()));
    Commands.bind(vertx.eventBus(), Addresses.CONFIG_RELOAD, (q, m) -> reloadFromFile(API, q.getString("actor", "bus"))
        .onSuccess(result -> {
          if (q.getBoolean("everywhere", false)) {
            Facts.publish(vertx.eventBus(), Addresses.CONFIG_RELOAD_REQUESTED,
                new ConfigReloadRequested(stamps.next(), node, q.getString("actor", "bus")));
          }
        }));
    Commands.bind(vertx.eventBus(), Addresses.CONFIG_GET, (q, m) -> Future.succeededFuture(view()));
    Facts.listen(vertx.eventBus(), Addresses.CONFIG_RELOAD_REQUESTED, requested -> {
      if (node.equals(requested.node())) return;
      reloadFromFile(CLUSTER, requested.actor()).onFailure(e -> { }); // reported by reload itself
    });
    if (watcher != null && loaded.config().watch().enabled()) {
      vertx.setPeriodic(loaded.config().watch().interval().toMillis(), id -> look());
      LOG.info("watching {} for changes every {} ms", file.get(), loaded.config().watch().interval().toMillis());
    }
    return Future.succeededFuture();
  }

  /** One look at the file; a confirmed change is reloaded. Looks never overlap. */
  void look() {
    if (looking) return;
    looking = true;
    watcher.look()
        .compose(changed -> changed.map(text -> reload(text, FILE, "file-watch").<Void>mapEmpty().otherwiseEmpty())
            .orElse(Future.succeededFuture()))
        .onComplete(done -> looking = false);
  }

  private Future<JsonObject> reloadFromFile(String trigger, String actor) {
    if (watcher == null) {
      return Future.failedFuture(Failure.of(409, Failure.Codes.NO_CONFIG_FILE, "this node was started from "
          + running.loaded().source().origin() + ", not from a configuration file: there is nothing to re-read")
          .asException());
    }
    return watcher.read().recover(error -> Future.failedFuture(refused(trigger, actor,
            List.of(new FieldError(running.loaded().source().origin(), "cannot be read (" + error.getMessage() + ")")))))
        .compose(text -> {
          watcher.actedOn(text);
          return reload(text, trigger, actor);
        });
  }

  /** Validates {@code text} off the event loop, then applies it here or refuses it with every reason. */
  private Future<JsonObject> reload(String text, String trigger, String actor) {
    LoadedConfig current = running.loaded();
    return vertx.executeBlocking(() -> current.source().parse(text))
        .recover(error -> Future.failedFuture(error instanceof ConfigException invalid
            ? refused(trigger, actor, invalid.details().stream().map(p -> new FieldError(p.path(), p.message())).toList())
            : error))
        .map(candidate -> apply(candidate, trigger, actor));
  }

  private JsonObject apply(LoadedConfig candidate, String trigger, String actor) {
    ConfigReload.Outcome outcome = ConfigReload.apply(running.loaded(), candidate);
    running.set(outcome.running());
    ConfigChanges changes = outcome.changes();
    pendingRestart = changes.restartRequired();
    JsonObject result = new JsonObject().put("node", node).put("source", candidate.source().origin())
        .put("trigger", trigger).put("at", Millis.format(clock.instant())).put("changed", !changes.isEmpty())
        .put("applied", new JsonArray(changes.applied()))
        .put("restart_required", new JsonArray(changes.restartRequired()))
        .put("sections", new JsonArray(List.copyOf(changes.sections())));
    lastReload = result.copy().put("outcome", "applied");
    if (changes.isEmpty()) {
      LOG.info("configuration reloaded ({}): nothing changed", trigger);
      return result;
    }
    if (!changes.applied().isEmpty()) {
      Facts.publish(vertx.eventBus(), Addresses.CONFIG_APPLIED, new ConfigApplied(outcome.running().config(), changes));
      LOG.info("configuration reloaded ({}): applied {}", trigger, changes.applied());
    }
    if (!changes.restartRequired().isEmpty()) {
      LOG.warn("configuration reloaded ({}): {} changed but take effect only at the next restart", trigger,
          changes.restartRequired());
    }
    Facts.publish(vertx.eventBus(), Addresses.CONFIG_RELOADED, new ConfigReloaded(stamps.next(), node, trigger, actor,
        changes.applied(), changes.restartRequired(), List.copyOf(changes.sections())));
    return result;
  }

  /** Logs and publishes a refusal; answers the 422 the caller gets. The running configuration stays. */
  private Throwable refused(String trigger, String actor, List<FieldError> problems) {
    List<String> lines = problems.stream().map(p -> p.field() + ": " + p.message()).toList();
    LOG.warn("configuration reload ({}) refused; the running configuration stays:\n  - {}", trigger,
        String.join("\n  - ", lines));
    lastReload = new JsonObject().put("node", node).put("trigger", trigger).put("at", Millis.format(clock.instant()))
        .put("outcome", "refused").put("problems", new JsonArray(lines));
    Facts.publish(vertx.eventBus(), Addresses.CONFIG_RELOAD_FAILED,
        new ConfigReloadFailed(stamps.next(), node, trigger, actor, lines));
    String detail = "the configuration is invalid (" + problems.size() + " problem(s)); the running configuration stays";
    return new Failure(422, Failure.Codes.VALIDATION_FAILED, detail, problems, null).asException();
  }

  private JsonObject view() {
    LoadedConfig loaded = running.loaded();
    JsonObject settings = new JsonObject();
    loaded.settings().forEach((path, value) -> settings.put(path, Secrets.maskSetting(path, value)));
    return new JsonObject().put("node", node).put("source", loaded.source().origin())
        .put("watching", watcher != null && loaded.config().watch().enabled())
        .put("pending_restart", new JsonArray(pendingRestart))
        .put("last_reload", lastReload)
        .put("settings", settings);
  }
}
