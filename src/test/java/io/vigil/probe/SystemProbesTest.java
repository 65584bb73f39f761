package io.vigil.probe;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vigil.config.ProbeSpec;
import io.vigil.domain.health.HealthOutcome;
import io.vigil.testing.Await;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static io.vigil.probe.ProbeRun.TIMING;
import static io.vigil.probe.ProbeRun.check;
import static org.assertj.core.api.Assertions.assertThat;

/** The disk, cpu, memory and eventloop probes on this machine and this JVM. */
@DisplayName("System probes on this machine")
class SystemProbesTest {
  static Vertx vertx;

  @BeforeAll
  static void start() {
    // a fast blocked-thread checker, so a short block is warned about within the test
    vertx = Vertx.vertx(new VertxOptions().setBlockedThreadCheckInterval(50).setBlockedThreadCheckIntervalUnit(TimeUnit.MILLISECONDS)
        .setMaxEventLoopExecuteTime(100).setMaxEventLoopExecuteTimeUnit(TimeUnit.MILLISECONDS));
  }

  @AfterAll
  static void stop() {
    Await.result(vertx.close());
  }

  @Test
  void diskFreeSpaceIsMeasuredAndJudgedAgainstTheMinimums(@TempDir Path dir) {
    Reading roomy = check(vertx, new DiskProbe(vertx, new ProbeSpec.Disk(TIMING, dir.toString(), 0, 0)));
    Reading full = check(vertx, new DiskProbe(vertx, new ProbeSpec.Disk(TIMING, dir.toString(), 100, 0)));
    Reading missing = check(vertx, new DiskProbe(vertx, new ProbeSpec.Disk(TIMING, dir.resolve("gone").toString(), 5, 0)));

    assertThat(roomy.outcome()).isEqualTo(HealthOutcome.ok());
    assertThat((Long) roomy.figures().get("free_bytes")).isPositive();
    assertThat((Double) roomy.figures().get("free_ratio")).isBetween(0.0, 1.0);
    assertThat(full.outcome()).isInstanceOf(HealthOutcome.Failed.class);
    assertThat(((HealthOutcome.Failed) full.outcome()).error()).contains("below the minimum of 100.0 %");
    assertThat(missing.outcome()).isEqualTo(HealthOutcome.unknown("the path '" + dir.resolve("gone") + "' does not exist"));
  }

  @Test
  void diskCloseToTheMinimumIsDegraded() {
    DiskProbe probe = new DiskProbe(vertx, new ProbeSpec.Disk(TIMING, ".", 10, 0));

    assertThat(probe.judge(1L << 30, 0.15)).isInstanceOf(HealthOutcome.Degraded.class);
    assertThat(probe.judge(1L << 30, 0.25)).isEqualTo(HealthOutcome.ok());
    assertThat(probe.judge(1L << 30, 0.05)).isInstanceOf(HealthOutcome.Failed.class);
  }

  @Test
  void cpuLoadIsKnownFromTheSecondSampleAndJudgedAgainstItsThresholds() {
    CpuProbe relaxed = new CpuProbe(vertx, new ProbeSpec.Cpu(TIMING, new ProbeSpec.Threshold(1, 1), new ProbeSpec.Threshold(1, 1)));
    CpuProbe strict = new CpuProbe(vertx, new ProbeSpec.Cpu(TIMING, new ProbeSpec.Threshold(0, 0), new ProbeSpec.Threshold(1, 1)));

    assertThat(check(vertx, relaxed).outcome()).isInstanceOf(HealthOutcome.Unknown.class);
    Reading second = check(vertx, relaxed);
    check(vertx, strict);

    assertThat(second.outcome()).isEqualTo(HealthOutcome.ok());
    assertThat((Double) second.figures().get("system_load")).isBetween(0.0, 1.0);
    assertThat((Integer) second.figures().get("cores")).isPositive();
    assertThat(check(vertx, strict).outcome()).isInstanceOf(HealthOutcome.Failed.class);
  }

  @Test
  void heapAndSystemMemoryAreMeasuredAndJudged() {
    Reading relaxed = check(vertx, new MemoryProbe(vertx, new ProbeSpec.Memory(TIMING, new ProbeSpec.Threshold(1, 1),
        new ProbeSpec.Threshold(1, 1))));
    Reading strict = check(vertx, new MemoryProbe(vertx, new ProbeSpec.Memory(TIMING, new ProbeSpec.Threshold(0, 0),
        new ProbeSpec.Threshold(1, 1))));

    assertThat(relaxed.outcome()).isEqualTo(HealthOutcome.ok());
    assertThat((Long) relaxed.figures().get("heap_used_bytes")).isPositive();
    assertThat((Long) relaxed.figures().get("system_available_bytes")).isPositive();
    assertThat((Double) relaxed.figures().get("system_used_ratio")).isBetween(0.0, 1.0);
    assertThat(strict.outcome()).isInstanceOf(HealthOutcome.Failed.class);
    assertThat(((HealthOutcome.Failed) strict.outcome()).error()).startsWith("heap ");
  }

  @Test
  void theEventLoopsOfAnIdleNodeRunTheirTimersOnTime() {
    EventLoopProbe probe = new EventLoopProbe(vertx, new ProbeSpec.EventLoop(TIMING, Duration.ofMillis(500), Duration.ofSeconds(2)));

    Reading reading = check(vertx, probe);

    assertThat(reading.outcome()).isEqualTo(HealthOutcome.ok());
    assertThat((java.util.List<?>) reading.figures().get("loops")).hasSize(2 * Runtime.getRuntime().availableProcessors());
  }

  @Test
  void aBlockedEventLoopRunsItsTimerLateAndVertxsWarningMakesTheNextCheckDegraded() throws Exception {
    EventLoopProbe probe = new EventLoopProbe(vertx, new ProbeSpec.EventLoop(TIMING, Duration.ofMillis(100), Duration.ofSeconds(5)));
    var internal = (io.vertx.core.internal.VertxInternal) vertx;
    io.vertx.core.internal.ContextInternal blocked = internal.createEventLoopContext();
    io.vertx.core.internal.ContextInternal other = internal.createEventLoopContext();
    while (other.nettyEventLoop() == blocked.nettyEventLoop()) other = internal.createEventLoopContext(); // probe elsewhere
    java.util.concurrent.CountDownLatch blocking = new java.util.concurrent.CountDownLatch(1);
    blocked.runOnContext(v -> {
      blocking.countDown();
      long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(400);
      while (System.nanoTime() < until) Thread.onSpinWait(); // blocks this event loop on purpose
    });
    blocking.await();

    Reading reading = check(other, probe);

    assertThat(reading.outcome()).isInstanceOf(HealthOutcome.Degraded.class);
    assertThat((Double) reading.figures().get("delay_ms")).isGreaterThan(100.0);
    assertThat((Long) reading.figures().get("blocked_warnings")).isPositive();
    assertThat(((HealthOutcome.Degraded) reading.outcome()).reason()).contains("blocked-thread warning");
  }
}
