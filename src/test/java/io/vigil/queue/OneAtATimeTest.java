package io.vigil.queue;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Reaping and statistics tick on a timer; a slow backend must not make the calls pile up. Ticks are driven by hand. */
@DisplayName("A periodic job runs one at a time")
class OneAtATimeTest {
  final List<Promise<Void>> runs = new ArrayList<>();
  final OneAtATime job = new OneAtATime(() -> {
    Promise<Void> run = Promise.promise();
    runs.add(run);
    return run.future();
  });

  @Test
  void ticksWhileARunIsUnderWayAreSkippedNotQueued() {
    job.tick();
    job.tick();
    job.tick();

    assertThat(runs).hasSize(1);
    assertThat(job.skipped()).isEqualTo(2);
  }

  @Test
  void theNextTickAfterARunEndsStartsTheNextRunWhetherItSucceededOrFailed() {
    job.tick();
    runs.get(0).complete();
    job.tick();
    runs.get(1).fail("backend gone");
    job.tick();

    assertThat(runs).hasSize(3);
    assertThat(job.skipped()).isZero();
  }

  @Test
  void aJobThatThrowsInsteadOfFailingDoesNotStopTheTicks() {
    OneAtATime throwing = new OneAtATime(() -> {
      throw new IllegalStateException("bug");
    });

    assertThatThrownBy(throwing::tick).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(throwing::tick).as("tried again, not skipped").isInstanceOf(IllegalStateException.class);
    assertThat(throwing.skipped()).isZero();
  }
}
