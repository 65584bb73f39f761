package io.vigil.recovery;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vigil.domain.Millis;
import io.vigil.store.ConfigEntry;
import io.vigil.store.SystemConfigStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The failovers in force, kept in the store so that a new leader (or the node restarted) knows which components run
 * on their secondary and announces it again: one {@code system_config} entry, {@value #KEY}, a JSON object
 * {@code {component: {target, task_types, probe, since}}} rewritten whole on every switch (a few a day at most).
 * Writes wait for {@link #load} and are chained, so the last switch is the one stored. Plain; one event loop owns it.
 */
final class FailoverLedger {
  private static final Logger LOG = LoggerFactory.getLogger(FailoverLedger.class);
  static final String KEY = "recovery.failovers";

  /** One component on its secondary. */
  record Entry(String target, List<String> taskTypes, boolean probe) {}

  private final SystemConfigStore store;
  private final Clock clock;
  private final JsonObject current = new JsonObject();
  /** Writes wait for the stored entry to be read (a whole rewrite made earlier would drop the other components). */
  private final Promise<Void> read = Promise.promise();
  private Future<Void> writing = read.future();

  FailoverLedger(SystemConfigStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  /** What the store holds (an unreadable entry counts as none, with a warning). */
  Future<Map<String, Entry>> load() {
    return store.readConfig(KEY).map(found -> {
      found.ifPresent(entry -> {
        try {
          new JsonObject(entry.value()).forEach(e -> { // a switch made here before the read is newer: it stays
            if (e.getValue() instanceof JsonObject o && !current.containsKey(e.getKey())) current.put(e.getKey(), o);
          });
        } catch (DecodeException e) {
          LOG.warn("stored failovers ({}) are not JSON; every target starts on its primary", KEY);
        }
      });
      Map<String, Entry> entries = new LinkedHashMap<>();
      current.forEach(e -> {
        if (e.getValue() instanceof JsonObject o && o.getString("target") != null) {
          entries.put(e.getKey(), new Entry(o.getString("target"),
              o.getJsonArray("task_types", new JsonArray()).stream().map(String::valueOf).toList(),
              o.getBoolean("probe", false)));
        }
      });
      return entries;
    }).onComplete(done -> read.tryComplete());
  }

  /** {@code component} now runs on {@code target}, or back on its primaries when {@code target} is null. */
  void switched(String component, String target, List<String> taskTypes, boolean probe) {
    JsonObject stored = current.getJsonObject(component);
    if (target == null ? stored == null : stored != null && target.equals(stored.getString("target"))) return;
    if (target == null) {
      current.remove(component);
    } else {
      current.put(component, new JsonObject().put("target", target).put("task_types", new JsonArray(taskTypes))
          .put("probe", probe).put("since", Millis.format(clock.instant())));
    }
    writing = writing.transform(v -> store.writeConfig(new ConfigEntry(KEY, current.encode(), "recovery",
        clock.instant()))).onFailure(e ->
        LOG.warn("failover of {} not stored (a new leader would not know it): {}", component, e.getMessage()));
  }
}
