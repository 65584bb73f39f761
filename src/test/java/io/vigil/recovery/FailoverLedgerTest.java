package io.vigil.recovery;

import io.vigil.store.ConfigEntry;
import io.vigil.store.SystemConfigStore;
import io.vigil.store.memory.MemoryStores;
import io.vigil.testing.Await;
import io.vigil.testing.MutableClock;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class FailoverLedgerTest {
  private final MutableClock clock = MutableClock.startingAt("2026-11-27T12:00:00Z");
  private final SystemConfigStore store = MemoryStores.create(100).config();

  private FailoverLedger restarted() {
    return new FailoverLedger(store, clock);
  }

  @Test
  void aSwitchIsWhatTheNextLeaderReadsAndASwitchBackForgetsIt() {
    FailoverLedger ledger = restarted();
    Await.result(ledger.load());
    ledger.switched("payments", "http://standby/health", List.of("charge"), true);
    ledger.switched("search", "http://search-b/", List.of(), true);

    assertThat(Await.result(restarted().load())).containsOnlyKeys("payments", "search")
        .containsEntry("payments", new FailoverLedger.Entry("http://standby/health", List.of("charge"), true));

    ledger.switched("payments", null, List.of("charge"), true);
    assertThat(Await.result(restarted().load())).containsOnlyKeys("search");
  }

  @Test
  void aSwitchMadeBeforeTheStoredOnesWereReadKeepsBoth() {
    FailoverLedger before = restarted();
    Await.result(before.load());
    before.switched("search", "http://search-b/", List.of(), true);
    FailoverLedger ledger = restarted();
    ledger.switched("payments", "http://standby/health", List.of(), true);
    Await.result(ledger.load());

    assertThat(Await.result(restarted().load())).containsOnlyKeys("payments", "search");
  }

  @Test
  void anUnreadableEntryMeansEveryTargetOnItsPrimary() {
    Await.result(store.writeConfig(new ConfigEntry(FailoverLedger.KEY, "not json", "someone", clock.instant())));

    assertThat(Await.result(restarted().load())).isEmpty();
  }
}
