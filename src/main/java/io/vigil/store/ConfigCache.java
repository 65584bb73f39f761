package io.vigil.store;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vigil.bus.Addresses;
import io.vigil.bus.Facts;
import io.vigil.domain.fact.ConfigChanged;
import io.vigil.domain.fact.Stamps;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * System config read through a cache. An entry lives {@code ttl}; a change made through any cache on any node drops
 * that key everywhere at once ({@link Addresses#CONFIG_CHANGED}, cluster-wide), so the kill switch never waits for
 * the TTL. While the store is unavailable a read answers the last value it had, however old, rather than failing:
 * the last known mode is a better answer than none. Make one per verticle, on that verticle's context.
 */
public final class ConfigCache {
  private static final Logger LOG = LoggerFactory.getLogger(ConfigCache.class);

  private record Cached(Optional<ConfigEntry> entry, Instant expires) {}

  private final Vertx vertx;
  private final SystemConfigStore store;
  private final Clock clock;
  private final Duration ttl;
  private final Stamps stamps;
  private final Map<String, Cached> cache = new ConcurrentHashMap<>();
  /** Bumped on every invalidation, so a read that started before it does not cache what it read. */
  private final Map<String, Long> generations = new ConcurrentHashMap<>();
  private final MessageConsumer<ConfigChanged> invalidations;

  public ConfigCache(Vertx vertx, SystemConfigStore store, Clock clock, Duration ttl) {
    this.vertx = vertx;
    this.store = store;
    this.clock = clock;
    this.ttl = ttl;
    this.stamps = new Stamps(clock);
    this.invalidations = Facts.listen(vertx.eventBus(), Addresses.CONFIG_CHANGED, changed -> invalidate(changed.key()));
  }

  /** The value under {@code key}, or empty when none is set. */
  public Future<Optional<String>> get(String key) {
    return entry(key).map(entry -> entry.map(ConfigEntry::value));
  }

  /** The entry under {@code key} with who set it and when. */
  public Future<Optional<ConfigEntry>> entry(String key) {
    Instant now = clock.instant();
    Cached cached = cache.get(key);
    if (cached != null && now.isBefore(cached.expires())) return Future.succeededFuture(cached.entry());
    long generation = generations.getOrDefault(key, 0L);
    return store.readConfig(key).map(entry -> {
      if (generations.getOrDefault(key, 0L) == generation) cache.put(key, new Cached(entry, now.plus(ttl)));
      return entry;
    }).recover(error -> {
      if (cached != null && StoreUnavailableException.is(error)) {
        LOG.warn("config '{}' served from cache ({} old): the store is unavailable", key,
            Duration.between(cached.expires().minus(ttl), now));
        return Future.succeededFuture(cached.entry());
      }
      return Future.failedFuture(error);
    });
  }

  /** Writes through to the store, then drops the key here and, over the bus, in every other cache. */
  public Future<Void> put(String key, String value, String actor) {
    ConfigEntry entry = new ConfigEntry(key, value, actor, clock.instant());
    return store.writeConfig(entry).map(v -> {
      invalidate(key);
      Facts.publish(vertx.eventBus(), Addresses.CONFIG_CHANGED, new ConfigChanged(stamps.next(), key, actor));
      return null;
    });
  }

  /** Drops the key: the next read goes to the store. */
  public void invalidate(String key) {
    generations.merge(key, 1L, Long::sum);
    cache.remove(key);
  }

  public Future<Void> close() {
    return invalidations.unregister();
  }
}
