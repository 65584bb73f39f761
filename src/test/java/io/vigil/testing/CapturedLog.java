package io.vigil.testing;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;

/**
 * Everything logged in this JVM while it is open, as Logback events, so a test can say what the service wrote to
 * its log (no ERROR, no stack trace) for what it was sent.
 */
public final class CapturedLog extends AppenderBase<ILoggingEvent> implements AutoCloseable {
  private final List<ILoggingEvent> events = new ArrayList<>();

  private CapturedLog() {}

  public static CapturedLog capture() {
    CapturedLog log = new CapturedLog();
    log.setName("captured-" + System.identityHashCode(log));
    log.setContext((ch.qos.logback.classic.LoggerContext) LoggerFactory.getILoggerFactory());
    log.start();
    root().addAppender(log);
    return log;
  }

  @Override
  protected synchronized void append(ILoggingEvent event) {
    event.prepareForDeferredProcessing();
    events.add(event);
  }

  public synchronized List<ILoggingEvent> events() {
    return List.copyOf(events);
  }

  public synchronized void clear() {
    events.clear();
  }

  /** Events at {@code level} or above. */
  public List<ILoggingEvent> atLeast(Level level) {
    return events().stream().filter(e -> e.getLevel().isGreaterOrEqual(level)).toList();
  }

  /** Events that carry a stack trace. */
  public List<ILoggingEvent> withStackTraces() {
    return events().stream().filter(e -> e.getThrowableProxy() != null).toList();
  }

  /** One line per event: level, logger, message, and the exception's class and message if any. */
  public static String describe(List<ILoggingEvent> events) {
    StringBuilder out = new StringBuilder();
    for (ILoggingEvent e : events) {
      out.append(e.getLevel()).append(' ').append(e.getLoggerName()).append(" - ").append(e.getFormattedMessage());
      if (e.getThrowableProxy() != null) {
        out.append(" [").append(e.getThrowableProxy().getClassName()).append(": ")
            .append(e.getThrowableProxy().getMessage()).append(']');
      }
      out.append('\n');
    }
    return out.toString();
  }

  @Override
  public void close() {
    root().detachAppender(this);
    stop();
  }

  private static Logger root() {
    return (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
  }
}
