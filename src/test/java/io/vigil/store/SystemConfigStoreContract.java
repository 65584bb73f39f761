package io.vigil.store;

import io.vigil.domain.Millis;
import io.vigil.testing.MutableClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;

import static io.vigil.testing.Await.result;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The behaviour every {@link SystemConfigStore} owes its callers. An implementation's test extends this and says how
 * to build a fresh, empty store.
 */
public abstract class SystemConfigStoreContract {
  protected MutableClock clock;
  protected SystemConfigStore store;

  /** A store with no rows. */
  protected abstract SystemConfigStore newStore();

  @BeforeEach
  void createStore() {
    clock = MutableClock.startingAt("2026-01-01T00:00:00.123456789Z");
    store = newStore();
  }

  // ---- system config ---------------------------------------------------------------------------------

  @Test
  void configIsWrittenReadAndReplaced() {
    assertThat(result(store.readConfig("system.mode"))).isEmpty();

    result(store.writeConfig(new ConfigEntry("system.mode", "paused", "alice", clock.instant())));
    clock.advance(Duration.ofSeconds(3));
    result(store.writeConfig(new ConfigEntry("system.mode", "stopped", "bob", clock.instant())));

    Optional<ConfigEntry> entry = result(store.readConfig("system.mode"));
    assertThat(entry).contains(new ConfigEntry("system.mode", "stopped", "bob", Millis.of(clock.instant())));
  }
}
