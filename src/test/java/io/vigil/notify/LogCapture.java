package io.vigil.notify;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;

/** Captures what is logged while a test runs, the channels' own logger at DEBUG, so tests can look for secrets. */
final class LogCapture implements AutoCloseable {
  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
  private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
  private final Logger channels = (Logger) LoggerFactory.getLogger("io.vigil.notify");
  private final Level before;

  LogCapture() {
    before = channels.getLevel();
    channels.setLevel(Level.DEBUG);
    appender.start();
    root.addAppender(appender);
  }

  /** Every captured message with its exception messages. */
  List<String> lines() {
    List<String> out = new ArrayList<>();
    for (ILoggingEvent e : List.copyOf(appender.list)) {
      StringBuilder line = new StringBuilder(e.getFormattedMessage());
      for (IThrowableProxy t = e.getThrowableProxy(); t != null; t = t.getCause()) {
        line.append(" | ").append(t.getClassName()).append(": ").append(t.getMessage());
      }
      out.add(line.toString());
    }
    return out;
  }

  @Override
  public void close() {
    root.detachAppender(appender);
    channels.setLevel(before);
  }
}
