package io.vigil.domain.schedule;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The task a schedule enqueues at each due time, in the fields of a submission.
 *
 * @param queue       null: the task type's queue
 * @param payload     a JSON object as a map (strings, numbers, booleans, lists, maps)
 * @param priority    null: the default
 * @param maxAttempts null: the task type's
 */
public record TaskTemplate(String type, String queue, Map<String, Object> payload, Integer priority,
                           Integer maxAttempts) {
  public TaskTemplate {
    Objects.requireNonNull(type, "type");
    payload = payload == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(payload));
  }
}
