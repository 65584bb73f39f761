package io.vigil.probe;

import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.EventExecutor;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.internal.VertxInternal;
import io.vigil.config.ProbeSpec;
import io.vigil.domain.health.HealthOutcome;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * How late a timer runs on each of Vert.x's event loops: a task scheduled {@link #SAMPLE_DELAY_MS} ahead on every
 * loop measures how much later than that it actually ran — a loop busy or blocked runs it late, or not before the
 * probe's timeout (which fails the check). The worst loop decides against the thresholds. Blocked-thread warnings
 * Vert.x raised about event loops since the previous check ({@link BlockedThreadWatch}) make it degraded at least.
 */
final class EventLoopProbe implements Probe {
  static final long SAMPLE_DELAY_MS = 5;

  private final Vertx vertx;
  private final ProbeSpec.EventLoop spec;
  private final BlockedThreadWatch watch;
  private long warningsSeen;

  EventLoopProbe(Vertx vertx, ProbeSpec.EventLoop spec) {
    this.vertx = vertx;
    this.spec = spec;
    this.watch = BlockedThreadWatch.of(vertx);
    this.warningsSeen = watch == null ? 0 : watch.eventLoopWarnings();
  }

  @Override
  public Future<Reading> check() {
    if (!(vertx instanceof VertxInternal internal)) return Future.succeededFuture(Reading.unknown("not a Vert.x node"));
    EventLoopGroup group = internal.eventLoopGroup();
    List<EventExecutor> loops = new ArrayList<>();
    group.forEach(loops::add);
    Context context = vertx.getOrCreateContext();
    Promise<Reading> promise = Promise.promise();
    long[] lateness = new long[loops.size()];
    AtomicInteger pending = new AtomicInteger(loops.size());
    for (int i = 0; i < loops.size(); i++) {
      int index = i;
      long scheduled = System.nanoTime();
      loops.get(i).schedule(() -> {
        lateness[index] = Math.max(0, System.nanoTime() - scheduled - TimeUnit.MILLISECONDS.toNanos(SAMPLE_DELAY_MS));
        if (pending.decrementAndGet() == 0) context.runOnContext(v -> promise.complete(judge(lateness)));
      }, SAMPLE_DELAY_MS, TimeUnit.MILLISECONDS);
    }
    return promise.future();
  }

  private Reading judge(long[] latenessNanos) {
    long worst = 0;
    List<Double> perLoop = new ArrayList<>();
    for (long nanos : latenessNanos) {
      worst = Math.max(worst, nanos);
      perLoop.add(nanos / 1e6);
    }
    double worstMs = worst / 1e6;
    Map<String, Object> figures = new LinkedHashMap<>();
    figures.put("delay_ms", worstMs);
    figures.put("loops", perLoop);
    Verdict verdict = new Verdict();
    if (worstMs >= spec.unhealthyDelay().toMillis()) {
      verdict.fail("an event loop runs " + Math.round(worstMs) + " ms late (limit " + spec.unhealthyDelay().toMillis() + " ms)");
    } else if (worstMs >= spec.degradedDelay().toMillis()) {
      verdict.concern("an event loop runs " + Math.round(worstMs) + " ms late (above " + spec.degradedDelay().toMillis() + " ms)");
    }
    if (watch != null) {
      long warnings = watch.eventLoopWarnings();
      long fresh = warnings - warningsSeen;
      warningsSeen = warnings;
      figures.put("blocked_warnings", fresh);
      if (fresh > 0) verdict.concern(fresh + " blocked-thread warning(s) about event loops since the last check");
    }
    HealthOutcome outcome = verdict.outcome();
    return new Reading(outcome, figures);
  }
}
