package io.vigil.store;

import io.vigil.domain.Priority;
import io.vigil.domain.Task;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class WriteBufferTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  private static List<Pending> rows(int n) {
    List<Pending> rows = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      rows.add(new Pending.TaskRow(Task.create(UUID.randomUUID().toString(), "q", "t", "{}", Priority.NORMAL, null, 1,
          null, T0), T0.plusMillis(i)));
    }
    return rows;
  }

  @Test
  void rowsOutInAWriteCountUntilConfirmed() {
    WriteBuffer buffer = new WriteBuffer(10, 5, 20);
    List<Pending> rows = rows(4);
    buffer.offer(rows);

    assertThat(buffer.take(3)).containsExactlyElementsOf(rows.subList(0, 3));
    assertThat(buffer.size()).isEqualTo(4);
    assertThat(buffer.queued()).isEqualTo(1);
    assertThat(buffer.oldestQueuedArrival()).isEqualTo(T0.plusMillis(3));

    buffer.confirm(3);
    assertThat(buffer.size()).isEqualTo(1);
  }

  @Test
  void aFailedWritePutsItsRowsBackAtTheFrontInOrder() {
    WriteBuffer buffer = new WriteBuffer(10, 5, 20);
    List<Pending> rows = rows(5);
    buffer.offer(rows);
    List<Pending> first = buffer.take(2);
    List<Pending> second = buffer.take(2);

    buffer.putBack(second);
    buffer.putBack(first);

    assertThat(buffer.take(5)).containsExactlyElementsOf(rows);
  }

  @Test
  void backPressureHasHysteresis() {
    WriteBuffer buffer = new WriteBuffer(4, 2, 8);
    buffer.offer(rows(3));
    assertThat(buffer.updateBackpressure()).isFalse();

    buffer.offer(rows(1));
    assertThat(buffer.updateBackpressure()).isTrue();
    assertThat(buffer.backpressure()).isTrue();

    buffer.take(2);
    buffer.confirm(1); // 3: still above low water
    assertThat(buffer.updateBackpressure()).isFalse();
    assertThat(buffer.backpressure()).isTrue();

    buffer.confirm(1); // 2: low water
    assertThat(buffer.updateBackpressure()).isTrue();
    assertThat(buffer.backpressure()).isFalse();
  }

  @Test
  void atTheHardLimitTheRestIsRefusedAndCountedRowsOutInWritesIncluded() {
    WriteBuffer buffer = new WriteBuffer(4, 2, 5);

    assertThat(buffer.offer(rows(3))).isEqualTo(3);
    buffer.take(3);
    assertThat(buffer.offer(rows(4))).isEqualTo(2);
    assertThat(buffer.offer(rows(1))).isZero();
    assertThat(buffer.size()).isEqualTo(5);
  }
}
