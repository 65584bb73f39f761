package io.vigil.config;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Everything Vigil was configured with, typed and validated. Built by {@link ConfigLoader}. */
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
    String logFormat,
    boolean metricsEnabled,
    boolean clusterEnabled) {

  private static final String NAME_PATTERN = "[A-Za-z0-9._-]{1,64}";

  public Optional<TaskTypeConfig> taskType(String name) {
    return Optional.ofNullable(taskTypes.get(name));
  }

  public Optional<QueueConfig> queueNamed(String name) {
    return Optional.ofNullable(queues.get(name));
  }

  static VigilConfig read(ConfigReader r, Set<String> handlerNames) {
    HttpConfig http = HttpConfig.read(r);
    AuthConfig auth = AuthConfig.read(r);
    if (!auth.enabled() && !http.isLoopback()) {
      r.problem("http.host", "'" + http.host() + "' is not loopback and no auth tokens are configured; set "
          + "VIGIL_AUTH_TOKENS (name:role:secret,...) or bind 127.0.0.1");
    }
    Map<String, QueueConfig> queues = new LinkedHashMap<>();
    for (String name : r.names("queues")) {
      if (!name.matches(NAME_PATTERN)) r.problem("queues." + name, "a queue name must match " + NAME_PATTERN);
      queues.put(name, QueueConfig.read(r, name));
    }
    if (queues.isEmpty()) r.problem("queues", "at least one queue is needed");
    Map<String, TaskTypeConfig> types = new LinkedHashMap<>();
    for (String name : r.names("task_types")) {
      if (!name.matches(NAME_PATTERN)) r.problem("task_types." + name, "a task type name must match " + NAME_PATTERN);
      types.put(name, TaskTypeConfig.read(r, name, queues.keySet(), handlerNames));
    }
    String logFormat = r.oneOf("log.format", Map.of("text", "text", "json", "json"), "text");
    VigilConfig config = new VigilConfig(http, auth, QueueEngineConfig.read(r), Map.copyOf(queues), Map.copyOf(types),
        RedisConfig.read(r), PgConfig.read(r), StoreConfig.read(r), SystemSettings.read(r), StreamConfig.read(r),
        BreakersConfig.read(r), logFormat, r.bool("metrics.enabled"), r.bool("cluster.enabled"));
    return config;
  }
}
