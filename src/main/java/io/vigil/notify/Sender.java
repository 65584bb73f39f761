package io.vigil.notify;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vigil.bus.NotificationJson;
import io.vigil.domain.RetryPolicy;
import io.vigil.domain.Timers;
import io.vigil.domain.breaker.BreakerSnapshot;
import io.vigil.domain.fact.DeliveryRecorded;
import io.vigil.domain.fact.DeliveryRecorded.Result;
import io.vigil.domain.fact.Stamps;
import io.vigil.domain.notify.Alert;
import io.vigil.domain.notify.Delivery;
import io.vigil.domain.notify.Notification;
import io.vigil.kit.Breaker;
import io.vigil.kit.BreakerOpenException;
import io.vigil.kit.Breakers;
import io.vigil.store.Ids;
import io.vigil.store.StoreConflictException;
import io.vigil.store.alarms.AlarmStore;
import io.vigil.store.alarms.TimelineEntry;
import io.vigil.store.outbox.Claim;
import io.vigil.store.outbox.OutboxMessage;
import io.vigil.store.outbox.OutboxStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.DoubleSupplier;
import java.util.function.Supplier;

/**
 * Delivers the outbox: claims due messages under a lease (so no other node sends them meanwhile), hands each to its
 * channel through the channel's circuit breaker ({@code notify:<channel>} in the node's {@link Breakers}), and settles
 * it: sent; failed and due again after a backoff ({@link RetryPolicy}) or exactly when the receiver asked
 * (Retry-After); or dead after {@code maxAttempts} attempts or a permanent refusal. Every attempt is recorded as a
 * {@link DeliveryRecorded} fact and, for alarms, on their timelines.
 *
 * <p><b>Order per channel.</b> A receiver must not see an alarm's resolve before its firing. So a channel's messages
 * of one claim go out one after the other, oldest first; when one fails, the rest of that channel's wait with it
 * (due again at the same time, said so in their error), and this node claims nothing more for the channel until then
 * (its <i>gate</i>) — honouring a receiver's Retry-After for the whole channel too, as Telegram demands. Across
 * nodes the outbox keeps the order of one alarm's messages on a channel: it hands out none while an older one is
 * unsettled, even by a node that died sending it ({@link OutboxStore#claimDue}). A channel whose breaker refuses
 * calls is not claimed until its open time is over.
 *
 * <p>Delivery is at least once: a node that dies after sending and before settling leaves the row to be sent again
 * when its lease runs out; receivers see the same notification id and may drop it. Not thread-safe: one verticle owns it.
 */
final class Sender {
  private static final Logger LOG = LoggerFactory.getLogger(Sender.class);
  static final String BREAKER_PREFIX = "notify:";

  /** Settings of the outbox loop. */
  record Settings(String owner, int maxAttempts, RetryPolicy retry, Duration lease, int claimBatch) {}

  private final OutboxStore outbox;
  private final AlarmStore alarms;
  private final Supplier<Map<String, Channel>> channels;
  private final Breakers breakers;
  private final Clock clock;
  private final Timers timers;
  private final DoubleSupplier random;
  private final Stamps stamps;
  private final Consumer<DeliveryRecorded> recorded;
  private Settings settings;
  private final Map<String, Integer> failures = new HashMap<>();
  private final Map<String, Instant> gates = new HashMap<>();
  private boolean running;
  private boolean again;

  Sender(OutboxStore outbox, AlarmStore alarms, Supplier<Map<String, Channel>> channels, Breakers breakers, Clock clock,
         Timers timers, DoubleSupplier random, Settings settings, Consumer<DeliveryRecorded> recorded) {
    this.outbox = outbox;
    this.alarms = alarms;
    this.channels = channels;
    this.breakers = breakers;
    this.clock = clock;
    this.timers = timers;
    this.random = random;
    this.settings = settings;
    this.recorded = recorded;
    this.stamps = new Stamps(clock);
  }

  void settings(Settings next) {
    this.settings = next;
  }

  /** A channel's failed attempts in a row from this node (0 after a delivery). */
  int failures(String channel) {
    return failures.getOrDefault(channel, 0);
  }

  /** Until when this node holds a channel back after a failure or a Retry-After, if it does. */
  Instant gate(String channel) {
    Instant gate = gates.get(channel);
    return gate != null && gate.isAfter(clock.instant()) ? gate : null;
  }

  static Breaker breaker(Breakers breakers, String channel) {
    return breakers.breaker(BREAKER_PREFIX + channel);
  }

  /** Claims and delivers what is due now; a call while a round runs makes another round follow it. */
  void wake() {
    if (running) {
      again = true;
      return;
    }
    running = true;
    again = false;
    round().onComplete(done -> {
      running = false;
      if (done.failed()) LOG.warn("outbox round failed: {}", done.cause().getMessage());
      // claimed some: more may be due, e.g. an alarm's resolve that waited behind its firing until that settled
      boolean more = done.succeeded() && done.result() > 0;
      if (again || more) timers.defer(this::wake);
    });
  }

  /** One claim and its deliveries; answers how many messages it claimed. */
  private Future<Integer> round() {
    Instant now = clock.instant();
    Set<String> open = new TreeSet<>();
    channels.get().keySet().forEach(name -> {
      if (claimable(name, now)) open.add(name);
    });
    if (open.isEmpty()) return Future.succeededFuture(0);
    Settings s = settings;
    return outbox.claimDue(new Claim(s.owner(), now, s.lease(), s.claimBatch(), open)).compose(claimed -> {
      Map<String, List<OutboxMessage>> byChannel = new LinkedHashMap<>();
      claimed.stream().sorted(Comparator.comparing(OutboxMessage::createdAt).thenComparing(OutboxMessage::id))
          .forEach(m -> byChannel.computeIfAbsent(m.channel(), c -> new ArrayList<>()).add(m));
      List<Future<Void>> lanes = new ArrayList<>();
      byChannel.forEach((channel, messages) -> lanes.add(lane(channel, messages, 0)));
      return Future.join(lanes).transform(v -> Future.succeededFuture(claimed.size()));
    });
  }

  /** Whether this node claims for a channel now: not gated, and its breaker would let a call through. */
  private boolean claimable(String channel, Instant now) {
    Instant gate = gates.get(channel);
    if (gate != null && gate.isAfter(now)) return false;
    BreakerSnapshot b = breaker(breakers, channel).snapshot();
    return switch (b.state()) {
      case CLOSED, HALF_OPEN, FORCED_CLOSED -> true;
      case FORCED_OPEN -> false;
      case OPEN -> !b.since().plus(breaker(breakers, channel).machine().policy().openDuration()).isAfter(now);
    };
  }

  /** A channel's messages one after the other; after a failure the rest wait with the failed one. */
  private Future<Void> lane(String channel, List<OutboxMessage> messages, int i) {
    if (i >= messages.size()) return Future.succeededFuture();
    OutboxMessage m = messages.get(i);
    return deliver(channel, m).compose(retryAt -> {
      if (retryAt == null) return lane(channel, messages, i + 1);
      List<Future<?>> held = new ArrayList<>();
      for (OutboxMessage later : messages.subList(i + 1, messages.size())) {
        held.add(outbox.markFailed(later.id(), settings.owner(), clock.instant(),
            "waiting behind an earlier message to " + channel, retryAt).otherwiseEmpty());
      }
      return Future.join(held).mapEmpty();
    });
  }

  /** Delivers one message and settles it; answers the time it is due again when it failed for now, else null. */
  private Future<Instant> deliver(String channelName, OutboxMessage m) {
    Channel channel = channels.get().get(channelName);
    Notification notification;
    try {
      notification = NotificationJson.fromJson(new JsonObject(m.payload()));
    } catch (RuntimeException e) {
      return settle(m, null, Delivery.permanent("unreadable payload: " + e.getMessage(), 0));
    }
    if (channel == null) return Future.succeededFuture(null); // removed by a reload: the row waits, visible
    Breaker breaker = breaker(breakers, channelName);
    return breaker.execute(() -> channel.deliver(notification).compose(d -> d.outcome() == Delivery.Outcome.FAILED_RETRYABLE
            ? Future.failedFuture(new Failed(d)) : Future.succeededFuture(d)))
        .recover(e -> Future.succeededFuture(e instanceof Failed f ? f.delivery
            : e instanceof BreakerOpenException ? null
            : Delivery.retryable(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage(), 0)))
        .compose(d -> settle(m, notification, d));
  }

  /** A retryable outcome carried through the breaker as a failure, so the breaker counts it. */
  private static final class Failed extends RuntimeException {
    final Delivery delivery;

    Failed(Delivery delivery) {
      super(delivery.reason(), null, false, false);
      this.delivery = delivery;
    }
  }

  /** {@code d} null: the breaker refused the call (it was not made). */
  private Future<Instant> settle(OutboxMessage m, Notification n, Delivery d) {
    Instant now = clock.instant();
    Settings s = settings;
    String channel = m.channel();
    if (d == null) {
      Instant retryAt = now.plusSeconds(1);
      return outbox.markFailed(m.id(), s.owner(), now, "circuit breaker open; not sent", retryAt)
          .transform(done -> Future.succeededFuture(retryAt));
    }
    Result result;
    Instant retryAt = null;
    Future<OutboxMessage> settled;
    switch (d.outcome()) {
      case DELIVERED -> {
        failures.put(channel, 0);
        result = Result.SENT;
        settled = outbox.markSent(m.id(), s.owner(), now);
      }
      case FAILED_PERMANENT -> {
        // a refusal never heals by retrying: it weighs like every attempt failing
        failures.merge(channel, s.maxAttempts(), Integer::sum);
        result = Result.DEAD;
        settled = outbox.markDead(m.id(), s.owner(), now, d.reason());
      }
      default -> {
        failures.merge(channel, 1, Integer::sum);
        if (m.attempts() >= s.maxAttempts()) {
          result = Result.DEAD;
          settled = outbox.markDead(m.id(), s.owner(), now, d.reason() + " (" + m.attempts() + " attempts)");
        } else {
          result = Result.RETRYING;
          retryAt = d.outcome() == Delivery.Outcome.RETRY_AFTER ? now.plus(d.retryAfter())
              : now.plus(s.retry().backoff(m.attempts(), random));
          gates.merge(channel, retryAt, (a, b) -> a.isAfter(b) ? a : b);
          settled = outbox.markFailed(m.id(), s.owner(), now, d.reason(), retryAt);
        }
      }
    }
    if (result != Result.SENT) {
      LOG.warn("notification {} on {}: {} (attempt {}, {})", m.id(), channel, d.outcome().name().toLowerCase(
          java.util.Locale.ROOT), m.attempts(), d.reason());
    }
    Instant due = retryAt;
    Result r = result;
    return settled.transform(done -> {
      if (done.failed()) {
        // LEASE_LOST: another node took it over and reports it; anything else: the lease runs out and it is retried
        if (!StoreConflictException.is(done.cause(), StoreConflictException.Reason.LEASE_LOST)) {
          LOG.warn("notification {} delivered ({}) but not settled: {}", m.id(), d.outcome(), done.cause().getMessage());
        }
        return Future.succeededFuture(due);
      }
      try {
        record(m, n, d, r, due);
      } catch (RuntimeException e) {
        LOG.warn("delivery of {} not recorded: {}", m.id(), e.getMessage()); // never stops the channel's lane
      }
      return Future.succeededFuture(due);
    });
  }

  private void record(OutboxMessage m, Notification n, Delivery d, Result result, Instant retryAt) {
    List<String> alarmIds = n == null ? List.of() : n.alerts().stream().map(Alert::alarmId)
        .filter(Ids::isValid).distinct().toList();
    DeliveryRecorded fact = new DeliveryRecorded(stamps.next(), settings.owner(), m.id(), m.channel(), alarmIds,
        n == null ? "unknown" : n.kind().wireName(), result, d.outcome().name().toLowerCase(java.util.Locale.ROOT),
        m.attempts(), d.statusCode(), d.reason(), failures(m.channel()), retryAt);
    recorded.accept(fact);
    if (alarmIds.isEmpty()) return;
    List<TimelineEntry> entries = alarmIds.stream().map(id -> new TimelineEntry(stamps.next().id(), id, fact.at(),
        TimelineEntry.Kind.NOTIFICATION, null, null, "notifier", fact.view().message(),
        Map.of("channel", m.channel(), "notification_id", m.id(), "result", result.name().toLowerCase(
            java.util.Locale.ROOT), "outcome", fact.outcome(), "attempts", m.attempts()))).toList();
    alarms.appendTimeline(entries).onFailure(e -> LOG.debug("delivery of {} not on the timeline: {}", m.id(),
        e.getMessage()));
  }

  /** For the snapshot and the API: each channel's failures and gate on this node. */
  Map<String, Integer> failuresByChannel() {
    return Map.copyOf(failures);
  }
}
