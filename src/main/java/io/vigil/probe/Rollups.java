package io.vigil.probe;

import io.vigil.domain.health.HealthStatus;
import io.vigil.domain.probe.ProbeResult;

import io.vigil.domain.status.StatusLine;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Per-component, per-minute roll-ups of the probe results, kept in memory: every minute of the last
 * {@link #MINUTES} (checks, failures, worst status, latency p50/p95/max) and every hour of the last {@link #HOURS}
 * (checks and failures), which is what uptime over 1 h / 24 h (minutes) and 7 d / 30 d (hours) and the latency history
 * need — about 80 KB per component. The current minute is part of every answer. A stand-in for the probe roll-up
 * store of issue 13, which keeps them across restarts (docs/architecture.md, section 10). Confined to one event loop.
 */
final class Rollups {
  static final int MINUTES = 24 * 60;
  static final int HOURS = 30 * 24;

  /** Uptime counts over a window. */
  record Uptime(long checks, long failures) {
    /** Null without checks: unknown, not 100 %. */
    Double ratio() {
      return checks == 0 ? null : (double) (checks - failures) / checks;
    }
  }

  private static final class Hour {
    final Instant hour;
    long checks;
    long failures;

    Hour(Instant hour) {
      this.hour = hour;
    }
  }

  private static final class Book {
    final Deque<MinuteRollup> minutes = new ArrayDeque<>();
    final Deque<Hour> hours = new ArrayDeque<>();
    Instant current;
    long checks;
    long failures;
    HealthStatus worst = HealthStatus.HEALTHY;
    double[] latencies = new double[8];
    int samples;
  }

  private final Map<String, Book> books = new HashMap<>();

  void add(ProbeResult result) {
    if (result.outcome() instanceof io.vigil.domain.health.HealthOutcome.Unknown) return; // no evidence either way
    Book book = books.computeIfAbsent(result.component(), id -> new Book());
    Instant minute = result.at().truncatedTo(ChronoUnit.MINUTES);
    if (book.current != null && !book.current.equals(minute)) close(result.component(), book);
    book.current = minute;
    book.checks++;
    if (result.failed()) book.failures++;
    if (StatusLine.rank(result.status()) > StatusLine.rank(book.worst)) book.worst = result.status();
    if (book.samples == book.latencies.length) book.latencies = Arrays.copyOf(book.latencies, book.samples * 2);
    book.latencies[book.samples++] = result.latencyMs();
  }

  void forget(String component) {
    books.remove(component);
  }

  /** Closes the current minute of every component whose minute has passed (call now and then). */
  void closeBefore(Instant now) {
    Instant minute = now.truncatedTo(ChronoUnit.MINUTES);
    books.forEach((id, book) -> {
      if (book.current != null && book.current.isBefore(minute)) close(id, book);
    });
  }

  private void close(String component, Book book) {
    MinuteRollup rollup = current(component, book);
    book.minutes.addLast(rollup);
    while (book.minutes.size() > MINUTES) book.minutes.removeFirst();
    Instant hour = rollup.minute().truncatedTo(ChronoUnit.HOURS);
    if (book.hours.isEmpty() || !book.hours.peekLast().hour.equals(hour)) book.hours.addLast(new Hour(hour));
    book.hours.peekLast().checks += rollup.checks();
    book.hours.peekLast().failures += rollup.failures();
    while (book.hours.size() > HOURS) book.hours.removeFirst();
    book.current = null;
    book.checks = book.failures = 0;
    book.worst = HealthStatus.HEALTHY;
    book.samples = 0;
  }

  private static MinuteRollup current(String component, Book book) {
    double[] sorted = Arrays.copyOf(book.latencies, book.samples);
    Arrays.sort(sorted);
    return new MinuteRollup(component, book.current, book.checks, book.failures, book.worst,
        quantile(sorted, 0.50), quantile(sorted, 0.95), sorted.length == 0 ? null : sorted[sorted.length - 1]);
  }

  private static Double quantile(double[] sorted, double q) {
    if (sorted.length == 0) return null;
    return sorted[Math.max(0, (int) Math.ceil(q * sorted.length) - 1)];
  }

  /** The minutes of {@code component} from {@code from} on (the current one included), oldest first. */
  List<MinuteRollup> minutes(String component, Instant from) {
    Book book = books.get(component);
    List<MinuteRollup> out = new ArrayList<>();
    if (book == null) return out;
    for (MinuteRollup m : book.minutes) if (!m.minute().isBefore(from.truncatedTo(ChronoUnit.MINUTES))) out.add(m);
    if (book.current != null && book.checks > 0) out.add(current(component, book));
    return out;
  }

  /** Checks and failures of {@code component} over the window ending now: minutes up to a day, hours beyond. */
  Uptime uptime(String component, Duration window, Instant now) {
    Book book = books.get(component);
    if (book == null) return new Uptime(0, 0);
    long checks = book.checks;
    long failures = book.failures;
    Instant from = now.minus(window);
    if (window.compareTo(Duration.ofMinutes(MINUTES)) <= 0) {
      for (Iterator<MinuteRollup> it = book.minutes.descendingIterator(); it.hasNext(); ) {
        MinuteRollup m = it.next();
        if (m.minute().plus(Duration.ofMinutes(1)).isBefore(from) || m.minute().plus(Duration.ofMinutes(1)).equals(from)) break;
        checks += m.checks();
        failures += m.failures();
      }
    } else {
      for (Iterator<Hour> it = book.hours.descendingIterator(); it.hasNext(); ) {
        Hour h = it.next();
        if (!h.hour.plus(Duration.ofHours(1)).isAfter(from)) break;
        checks += h.checks;
        failures += h.failures;
      }
    }
    return new Uptime(checks, failures);
  }
}
