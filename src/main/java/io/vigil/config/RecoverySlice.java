package io.vigil.config;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the recovery verticle runs on: the plans (live, reloaded with {@code recovery}) and each component's suggested
 * action when unhealthy, which an escalation names.
 */
public record RecoverySlice(RecoveryConfig recovery, Map<String, String> suggestedActions) {
  public RecoverySlice {
    suggestedActions = Map.copyOf(suggestedActions);
  }

  public static RecoverySlice of(VigilConfig config) {
    Map<String, String> actions = new LinkedHashMap<>();
    config.components().forEach((id, c) -> {
      if (c.suggestedAction() != null && c.suggestedAction().unhealthy() != null) {
        actions.put(id, c.suggestedAction().unhealthy());
      }
    });
    return new RecoverySlice(config.recovery(), actions);
  }
}
