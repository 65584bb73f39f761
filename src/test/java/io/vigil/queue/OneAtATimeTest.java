package io.vigil.queue;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vigil.testing.CapturedLog;
import io.vigil.testing.FakeTimers;
import io.vigil.testing.MutableClock;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** Reaping and statistics tick on {@code Timers}; a slow backend must not make the calls pile up. Time is driven. */
@DisplayName("A periodic job runs one at a time")
class OneAtATimeTest {
  static final Duration EVERY = Duration.ofSeconds(1);

  final FakeTimers timers = new FakeTimers(MutableClock.startingAt("2026-01-01T00:00:00Z"));
  final List<Promise<Void>> runs = new ArrayList<>();
  final OneAtATime job = new OneAtATime("test job", timers, EVERY, () -> {
    Promise<Void> run = Promise.promise();
    runs.add(run);
    return run.future();
  });

  @Test
  void theFirstRunComesOneIntervalAfterStartAndOneEveryIntervalAfterThat() {
    job.start();
    timers.advanceMillis(999);
    assertThat(runs).isEmpty();

    timers.advanceMillis(1);
    assertThat(runs).hasSize(1);
    runs.get(0).complete();
    timers.advance(EVERY);

    assertThat(runs).hasSize(2);
  }

  @Test
  void ticksWhileARunIsUnderWayAreSkippedNotQueued() {
    job.start();
    timers.advance(EVERY.multipliedBy(3));

    assertThat(runs).hasSize(1);
    assertThat(job.skipped()).isEqualTo(2);

    runs.get(0).complete();
    timers.advance(EVERY);
    assertThat(runs).as("one run for the three ticks that came while it was under way, not three").hasSize(2);
  }

  @Test
  void theNextTickAfterARunEndsStartsTheNextRunWhetherItSucceededOrFailed() {
    job.start();
    timers.advance(EVERY);
    runs.get(0).complete();
    timers.advance(EVERY);
    runs.get(1).fail("backend gone");
    timers.advance(EVERY);

    assertThat(runs).hasSize(3);
    assertThat(job.skipped()).isZero();
  }

  @Test
  void aJobThatThrowsInsteadOfFailingIsLoggedAndTheTicksGoOn() {
    AtomicInteger tries = new AtomicInteger();
    OneAtATime throwing = new OneAtATime("buggy job", timers, EVERY, () -> {
      tries.incrementAndGet();
      throw new IllegalStateException("bug");
    });

    try (CapturedLog log = CapturedLog.capture()) {
      throwing.start();
      timers.advance(EVERY.multipliedBy(2));

      assertThat(tries).as("tried again, not skipped").hasValue(2);
      assertThat(throwing.skipped()).isZero();
      assertThat(log.withStackTraces()).hasSize(2)
          .allSatisfy(e -> assertThat(e.getFormattedMessage()).startsWith("buggy job threw"));
    }
  }

  @Test
  void afterStopNoTickComes() {
    job.start();
    timers.advance(EVERY);
    runs.get(0).complete();

    job.stop();
    timers.advance(EVERY.multipliedBy(5));

    assertThat(runs).hasSize(1);
    assertThat(timers.pending()).isZero();
  }
}
