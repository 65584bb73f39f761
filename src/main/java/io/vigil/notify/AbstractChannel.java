package io.vigil.notify;

/** What every channel takes from its config: its name, its type, and a {@code toString} safe to log. */
abstract class AbstractChannel<C extends ChannelConfig> implements Channel {
  protected final C config;

  AbstractChannel(C config) {
    this.config = config;
  }

  public C config() {
    return config;
  }

  @Override
  public String name() {
    return config.name();
  }

  @Override
  public ChannelType type() {
    return config.type();
  }

  @Override
  public String toString() {
    return getClass().getSimpleName() + "[" + name() + " -> " + target() + "]";
  }
}
