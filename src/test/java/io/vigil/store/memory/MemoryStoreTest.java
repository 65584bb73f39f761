package io.vigil.store.memory;

import io.vigil.domain.Event;
import io.vigil.domain.Severity;
import io.vigil.store.EventQuery;
import io.vigil.store.Store;
import io.vigil.store.StoreContract;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.vigil.testing.Await.result;
import static org.assertj.core.api.Assertions.assertThat;

class MemoryStoreTest extends StoreContract {
  @Override
  protected Store newStore() {
    return new MemoryStore(1_000);
  }

  @Test
  void theMemoryStoreIsBoundedAndCountsWhatItEvicts() {
    MemoryStore small = new MemoryStore(3);
    List<Event> events = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      clock.advanceMillis(1);
      events.add(event("e" + i, Severity.INFO, "c"));
    }
    result(small.saveEvents(events));

    assertThat(result(small.findEvents(EventQuery.latest(10))).events()).extracting(Event::type)
        .containsExactly("e4", "e3", "e2");
    assertThat(small.evicted()).isEqualTo(2);
  }
}
