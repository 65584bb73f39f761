package io.vigil.domain;

import io.vigil.testing.MutableClock;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class TaskIdsTest {
  private final MutableClock clock = MutableClock.startingAt("2026-01-01T00:00:00Z");
  private final TaskIds ids = new TaskIds(clock);

  @Test
  void idsAreVersionSevenUuidsCarryingTheirMillisecond() {
    UUID id = UUID.fromString(ids.next());

    assertThat(id.version()).isEqualTo(7);
    assertThat(id.variant()).isEqualTo(2);
    assertThat(id.getMostSignificantBits() >>> 16).isEqualTo(clock.millis());
  }

  @Test
  void idsSortInCreationOrderEvenWithinOneMillisecond() {
    List<String> created = new ArrayList<>();
    for (int i = 0; i < 10_000; i++) {
      created.add(ids.next());
      if (i % 1000 == 0) clock.advanceMillis(1);
    }

    assertThat(created).isSorted().doesNotHaveDuplicates();
  }
}
