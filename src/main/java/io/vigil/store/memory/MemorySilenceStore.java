package io.vigil.store.memory;

import io.vertx.core.Future;
import io.vigil.store.Ids;
import io.vigil.store.silences.Silence;
import io.vigil.store.silences.SilenceStore;

import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.vigil.store.memory.Calls.call;

/** Silences on the heap. Bounded: beyond {@code maxRows} the one that ended first goes; live ones never do. */
final class MemorySilenceStore implements SilenceStore {
  private static final Comparator<Silence> NEWEST_START_FIRST =
      Comparator.comparing(Silence::startsAt).thenComparing(Silence::id).reversed();

  private final MemoryBackend backend;
  private final Map<String, Silence> silences = new LinkedHashMap<>();

  MemorySilenceStore(MemoryBackend backend) {
    this.backend = backend;
  }

  @Override
  public synchronized Future<Silence> create(Silence silence) {
    return call(() -> {
      if (silences.containsKey(silence.id())) throw new IllegalArgumentException("silence " + silence.id() + " exists");
      while (silences.size() >= backend.maxRows()) {
        Silence ended = silences.values().stream().filter(s -> !s.endsAt().isAfter(silence.createdAt()))
            .min(Comparator.comparing(Silence::endsAt))
            .orElseThrow(() -> Calls.full("live silences", backend.maxRows()));
        silences.remove(ended.id());
        backend.evictedOne();
      }
      silences.put(silence.id(), silence);
      return silence;
    });
  }

  @Override
  public synchronized Future<Optional<Silence>> find(String id) {
    return Future.succeededFuture(Calls.byId(silences, id));
  }

  @Override
  public synchronized Future<List<Silence>> activeAt(Instant at) {
    return Future.succeededFuture(silences.values().stream().filter(s -> s.isActiveAt(at))
        .sorted(NEWEST_START_FIRST.reversed()).toList());
  }

  @Override
  public synchronized Future<List<Silence>> list(Instant after, int limit) {
    return Future.succeededFuture(silences.values().stream().filter(s -> s.endsAt().isAfter(after))
        .sorted(NEWEST_START_FIRST).limit(limit).toList());
  }

  @Override
  public synchronized Future<Optional<Silence>> expire(String id, Instant at) {
    if (!Ids.isValid(id)) return Future.succeededFuture(Optional.empty());
    Silence expired = silences.computeIfPresent(Ids.checked(id), (key, s) -> s.expiredAt(at));
    return Future.succeededFuture(Optional.ofNullable(expired));
  }

  @Override
  public synchronized Future<Integer> deleteEndedBefore(Instant cutoff, int max) {
    List<Silence> old = silences.values().stream().filter(s -> s.endsAt().isBefore(cutoff))
        .sorted(Comparator.comparing(Silence::endsAt)).limit(max).toList();
    old.forEach(s -> silences.remove(s.id()));
    return Future.succeededFuture(old.size());
  }
}
