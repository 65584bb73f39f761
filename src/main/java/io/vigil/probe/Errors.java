package io.vigil.probe;

import io.netty.channel.ConnectTimeoutException;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.nio.channels.ClosedChannelException;
import java.util.concurrent.TimeoutException;

/** One short line for what went wrong on the way to a target, for results and logs (never a stack trace). */
final class Errors {
  private Errors() {}

  static String describe(Throwable error) {
    Throwable cause = error;
    while (cause.getCause() != null && cause.getMessage() == null) cause = cause.getCause();
    String message = cause.getMessage();
    if (cause instanceof UnknownHostException) return "unknown host " + message;
    if (cause instanceof ConnectTimeoutException || cause instanceof TimeoutException) {
      return "timed out" + (message == null ? "" : ": " + message);
    }
    if (cause instanceof ConnectException || cause instanceof NoRouteToHostException) {
      return "cannot connect" + (message == null ? "" : ": " + message);
    }
    if (cause instanceof ClosedChannelException) return "connection closed";
    return message == null || message.isBlank() ? cause.getClass().getSimpleName() : message;
  }
}
