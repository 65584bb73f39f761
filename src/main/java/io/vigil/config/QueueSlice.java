package io.vigil.config;

import java.util.Map;
import java.util.Optional;

/**
 * What the queue engine (QueueVerticle and its helpers) is configured with. {@link #queues()} and
 * {@link #taskTypes()} change live on reload; the rest takes effect at the next restart.
 */
public record QueueSlice(QueueEngineConfig queue, Map<String, QueueConfig> queues, Map<String, TaskTypeConfig> taskTypes,
                         RedisConfig redis, SystemSettings system, int batchMaxTasks) {

  public static QueueSlice of(VigilConfig config) {
    return new QueueSlice(config.queue(), config.queues(), config.taskTypes(), config.redis(), config.system(),
        config.http().batchMaxTasks());
  }

  public Optional<TaskTypeConfig> taskType(String name) {
    return Optional.ofNullable(taskTypes.get(name));
  }

  public Optional<QueueConfig> queueNamed(String name) {
    return Optional.ofNullable(queues.get(name));
  }
}
