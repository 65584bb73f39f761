package io.vigil.probe;

import io.vertx.core.Vertx;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.internal.threadchecker.BlockedThreadChecker;
import io.vertx.core.internal.threadchecker.BlockedThreadEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts Vert.x's blocked-thread warnings for the eventloop probe. Vert.x's checker takes one handler, so this one
 * takes its place and keeps its behaviour — the same WARN line on the same logger, with the stack trace once the
 * block passes the warning-exception time — and counts each warning about an event-loop thread. One per Vert.x
 * instance, installed by the first eventloop probe. The checker is Vert.x's {@code internal} API: if it goes away,
 * the probe still measures the loops' delay and says it has no warnings count.
 */
final class BlockedThreadWatch {
  private static final Logger VERTX_LOG = LoggerFactory.getLogger(BlockedThreadChecker.LOGGER_NAME);
  private static final Map<Vertx, BlockedThreadWatch> WATCHES = Collections.synchronizedMap(new WeakHashMap<>());

  private final AtomicLong eventLoopWarnings = new AtomicLong();

  private BlockedThreadWatch() {}

  /** The watch on {@code vertx}, installed on first use; null when the checker cannot be reached. */
  static BlockedThreadWatch of(Vertx vertx) {
    if (!(vertx instanceof VertxInternal internal)) return null;
    return WATCHES.computeIfAbsent(vertx, v -> {
      BlockedThreadWatch watch = new BlockedThreadWatch();
      internal.blockedThreadChecker().setThreadBlockedHandler(watch::blocked);
      return watch;
    });
  }

  /** Warnings about event-loop threads since this watch was installed. */
  long eventLoopWarnings() {
    return eventLoopWarnings.get();
  }

  private void blocked(BlockedThreadEvent event) {
    if (event.thread().getName().startsWith("vert.x-eventloop")) eventLoopWarnings.incrementAndGet();
    String message = "Thread " + event.thread().getName() + " has been blocked for " + event.duration() / 1_000_000
        + " ms, time limit is " + event.maxExecTime() / 1_000_000 + " ms";
    if (event.duration() <= event.warningExceptionTime()) {
      VERTX_LOG.warn(message);
    } else {
      Exception stack = new Exception("Thread blocked");
      stack.setStackTrace(event.thread().getStackTrace());
      VERTX_LOG.warn(message, stack);
    }
  }
}
