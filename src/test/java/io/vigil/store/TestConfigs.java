package io.vigil.store;

import io.vigil.config.ConfigLoader;
import io.vigil.config.VigilConfig;
import io.vigil.queue.handler.HandlerRegistry;

import java.util.Map;

/** A full configuration from the bundled defaults and a few {@code VIGIL_*} overrides. */
public final class TestConfigs {
  private TestConfigs() {}

  public static VigilConfig with(Map<String, String> env) {
    return ConfigLoader.fromYaml(null, "test", env, HandlerRegistry.availableNames());
  }
}
