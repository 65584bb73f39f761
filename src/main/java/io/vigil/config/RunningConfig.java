package io.vigil.config;

/**
 * The configuration a node runs now. The ConfigVerticle is its only writer; app wiring reads it when it builds a
 * verticle after start (a leader-only verticle deployed on a leadership change gets the current slice, not the
 * one the node started with). Verticles do not read it: they get a slice at construction and
 * {@code vigil.config.applied} after a reload.
 */
public final class RunningConfig {
  private volatile LoadedConfig loaded;

  public RunningConfig(LoadedConfig loaded) {
    this.loaded = loaded;
  }

  public LoadedConfig loaded() {
    return loaded;
  }

  public VigilConfig config() {
    return loaded.config();
  }

  public void set(LoadedConfig next) {
    this.loaded = next;
  }
}
