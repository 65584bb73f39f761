package io.vigil.config;

import io.vigil.domain.schedule.ScheduleSpec;

import java.util.Map;
import java.util.Set;

/**
 * What the scheduler runs on: the file's schedules, and the task types and queues an API schedule is checked against.
 */
public record ScheduleSlice(Map<String, ScheduleSpec> schedules, Map<String, TaskTypeConfig> taskTypes,
                            Set<String> queues) {
  public ScheduleSlice {
    schedules = Map.copyOf(schedules);
    taskTypes = Map.copyOf(taskTypes);
    queues = Set.copyOf(queues);
  }

  public static ScheduleSlice of(VigilConfig config) {
    return new ScheduleSlice(config.schedules(), config.taskTypes(), config.queues().keySet());
  }

  /**
   * A schedule posted to the API, read with the file's rules; throws {@link ConfigException} naming each bad key.
   */
  public ScheduleSpec parse(Map<String, Object> body) {
    return SchedulesReader.parse(body, taskTypes, queues);
  }
}
