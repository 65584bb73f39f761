package io.vigil.config;

import io.vigil.domain.schedule.ScheduleSpec;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Everything Vigil was configured with, typed and validated. Built by {@link ConfigLoader}. Verticles never get it
 * whole: each gets its slice ({@link QueueSlice}, {@link StoreSlice}, {@link ControlSlice}, {@link HttpSlice}).
 */
public record VigilConfig(
    HttpConfig http,
    AuthConfig auth,
    QueueEngineConfig queue,
    Map<String, QueueConfig> queues,
    Map<String, TaskTypeConfig> taskTypes,
    RedisConfig redis,
    PgConfig pg,
    StoreConfig store,
    SystemSettings system,
    StreamConfig stream,
    BreakersConfig breakers,
    Map<String, ComponentConfig> components,
    WatchConfig watch,
    String logFormat,
    boolean metricsEnabled,
    ClusterConfig cluster,
    AlarmsConfig alarms,
    NotificationsConfig notifications,
    Map<String, ScheduleSpec> schedules,
    RecoveryConfig recovery) {

  private static final String NAME_PATTERN = "[A-Za-z0-9._-]{1,64}";

  public boolean clusterEnabled() {
    return cluster.enabled();
  }

  public Optional<TaskTypeConfig> taskType(String name) {
    return Optional.ofNullable(taskTypes.get(name));
  }

  public Optional<QueueConfig> queueNamed(String name) {
    return Optional.ofNullable(queues.get(name));
  }

  /**
   * This configuration with the sections that change live taken from {@code next}, and everything else kept: what a
   * node runs after a reload until its next restart. A queue removed from the file keeps running until then (it may
   * hold tasks); {@link ReloadPolicy} lists what is live.
   */
  VigilConfig withLiveSectionsOf(VigilConfig next) {
    Map<String, QueueConfig> kept = new LinkedHashMap<>(next.queues);
    queues.forEach(kept::putIfAbsent);
    return new VigilConfig(http, auth, queue, Map.copyOf(kept), next.taskTypes, redis, pg, store, system, stream,
        new BreakersConfig(next.breakers.defaults(), next.breakers.named(), breakers.shared()), next.components, watch, logFormat, metricsEnabled, cluster, next.alarms, next.notifications,
        next.schedules, next.recovery);
  }

  static VigilConfig read(ConfigReader r, Set<String> handlerNames) {
    HttpConfig http = HttpConfig.read(r);
    AuthConfig auth = AuthConfig.read(r);
    if (!auth.enabled() && !http.isLoopback()) {
      r.problem("http.host", "'" + http.host() + "' is not loopback and no auth tokens are configured; set "
          + "VIGIL_AUTH_TOKENS (name:role:secret,...) or bind 127.0.0.1");
    }
    ConfigReader queueDefaults = r.child("queue_defaults");
    queueDefaults.readAsTemplate();
    Map<String, QueueConfig> queues = new LinkedHashMap<>();
    r.entries("queues", queueDefaults).forEach((name, q) -> {
      if (!name.matches(NAME_PATTERN)) q.problem("", "a queue name must match " + NAME_PATTERN);
      queues.put(name, QueueConfig.read(q, name));
    });
    if (queues.isEmpty()) r.problem("queues", "at least one queue is needed");
    ConfigReader typeDefaults = r.child("task_type_defaults");
    typeDefaults.readAsTemplate();
    Map<String, TaskTypeConfig> types = new LinkedHashMap<>();
    r.entries("task_types", typeDefaults).forEach((name, t) -> {
      if (!name.matches(NAME_PATTERN)) t.problem("", "a task type name must match " + NAME_PATTERN);
      types.put(name, TaskTypeConfig.read(t, name, queues.keySet(), handlerNames));
    });
    RedisConfig redis = RedisConfig.read(r);
    PgConfig pg = PgConfig.read(r);
    String logFormat = r.oneOf("log.format", Map.of("text", "text", "json", "json"), "text");
    NotificationsConfig notifications = NotificationsReader.read(r);
    Map<String, ComponentConfig> read = ComponentsReader.read(r, queues.keySet(), redis.enabled(), pg.enabled());
    RecoveryConfig recovery = RecoveryReader.read(r, read, types, queues.keySet());
    Map<String, ComponentConfig> components = withRecoverability(read, recovery);
    return new VigilConfig(http, auth, QueueEngineConfig.read(r), Map.copyOf(queues), Map.copyOf(types),
        redis, pg, StoreConfig.read(r), SystemSettings.read(r), StreamConfig.read(r), BreakersConfig.read(r),
        components, WatchConfig.read(r),
        logFormat, r.bool("metrics.enabled"), ClusterConfig.read(r),
        AlarmsReader.read(r, notifications.channels().keySet()), notifications,
        SchedulesReader.read(r, types, queues.keySet()),
        recovery);
  }

  /** A component whose plan has an automatic action (anything but {@code manual}) is auto-recoverable too. */
  private static Map<String, ComponentConfig> withRecoverability(Map<String, ComponentConfig> components,
                                                                 RecoveryConfig recovery) {
    Map<String, ComponentConfig> out = new LinkedHashMap<>();
    components.forEach((id, c) -> {
      boolean automatic = recovery.enabled() && recovery.plan(id).map(p -> p.actions().stream()
          .anyMatch(a -> !(a.params() instanceof RecoveryConfig.Manual))).orElse(false);
      out.put(id, c.autoRecoverable() || !automatic ? c : new ComponentConfig(c.id(), c.name(), c.kind(),
          c.dependsOn(), c.critical(), true, c.enabled(), c.suggestedAction(), c.probe(), c.breaker()));
    });
    return java.util.Collections.unmodifiableMap(out);
  }
}
