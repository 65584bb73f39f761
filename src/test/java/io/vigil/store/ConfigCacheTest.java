package io.vigil.store;

import io.vigil.testing.Eventually;
import io.vertx.core.Vertx;
import io.vigil.bus.Addresses;
import io.vigil.bus.Facts;
import io.vigil.bus.BusCodecs;
import io.vigil.domain.fact.ConfigChanged;
import io.vigil.testing.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import static io.vigil.testing.Await.failure;
import static io.vigil.testing.Await.result;
import static org.assertj.core.api.Assertions.assertThat;

class ConfigCacheTest {
  private static final Duration TTL = Duration.ofSeconds(60);

  private Vertx vertx;
  private MutableClock clock;
  private ScriptedStore store;
  private ConfigCache cache;

  @BeforeEach
  void createCache() {
    vertx = Vertx.vertx();
    BusCodecs.register(vertx.eventBus());
    clock = MutableClock.startingAt("2026-01-01T00:00:00Z");
    store = new ScriptedStore();
    cache = new ConfigCache(vertx, store, clock, TTL);
  }

  @AfterEach
  void closeVertx() {
    result(vertx.close());
  }

  /** Changes the stored value behind the cache's back, as another node's writer would. */
  private void storeDirectly(String key, String value) {
    result(store.writeConfig(new ConfigEntry(key, value, "elsewhere", clock.instant())));
  }

  @Test
  void aValueIsServedFromTheCacheUntilItsTtlRunsOut() {
    storeDirectly("system.mode", "paused");
    assertThat(result(cache.get("system.mode"))).contains("paused");

    storeDirectly("system.mode", "stopped");
    clock.advance(TTL.minusMillis(1));
    assertThat(result(cache.get("system.mode"))).contains("paused");

    clock.advanceMillis(1);
    assertThat(result(cache.get("system.mode"))).contains("stopped");
  }

  @Test
  void aMissingKeyIsCachedAsMissing() {
    assertThat(result(cache.get("system.mode"))).isEmpty();

    storeDirectly("system.mode", "paused");

    assertThat(result(cache.get("system.mode"))).isEmpty();
    clock.advance(TTL);
    assertThat(result(cache.get("system.mode"))).contains("paused");
  }

  @Test
  void putWritesThroughWithItsActorAndTheNextReadSeesItAtOnce() {
    assertThat(result(cache.get("system.mode"))).isEmpty();

    result(cache.put("system.mode", "stopped", "alice"));

    assertThat(result(cache.get("system.mode"))).contains("stopped");
    ConfigEntry stored = result(store.readConfig("system.mode")).orElseThrow();
    assertThat(stored.updatedBy()).isEqualTo("alice");
    assertThat(stored.updatedAt()).isEqualTo(clock.instant());
  }

  @Test
  void aChangeThroughAnotherCacheDropsTheKeyHereWithoutWaitingForTheTtl() {
    ConfigCache other = new ConfigCache(vertx, store, clock, TTL);
    storeDirectly("system.mode", "async_queue");
    assertThat(result(cache.get("system.mode"))).contains("async_queue");

    result(other.put("system.mode", "stopped", "bob"));

    Eventually.until("the change reaches the other cache",
        () -> result(cache.get("system.mode")).equals(Optional.of("stopped")));
  }

  @Test
  void putPublishesConfigChangedWithTheKeyAndTheActor() {
    List<ConfigChanged> published = new CopyOnWriteArrayList<>();
    Facts.listen(vertx.eventBus(), Addresses.CONFIG_CHANGED, published::add);

    result(cache.put("system.mode", "paused", "alice"));

    Eventually.until("config.changed is published", () -> !published.isEmpty());
    ConfigChanged changed = published.get(0);
    assertThat(changed.view().type()).isEqualTo("config.changed");
    assertThat(changed.actor()).isEqualTo("alice");
    assertThat(changed.key()).isEqualTo("system.mode");
  }

  @Test
  void whileTheStoreIsDownTheLastKnownValueIsServedEvenPastItsTtl() {
    storeDirectly("system.mode", "paused");
    result(cache.get("system.mode"));
    store.mode(ScriptedStore.Mode.DOWN);
    clock.advance(TTL.multipliedBy(3));

    assertThat(result(cache.get("system.mode"))).contains("paused");
  }

  @Test
  void whileTheStoreIsDownAKeyNeverReadFailsAsUnavailable() {
    store.mode(ScriptedStore.Mode.DOWN);

    assertThat(failure(cache.get("system.mode"))).isInstanceOf(StoreUnavailableException.class);
  }
}
