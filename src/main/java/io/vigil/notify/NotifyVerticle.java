package io.vigil.notify;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vigil.bus.Addresses;
import io.vigil.bus.Commands;
import io.vigil.bus.Facts;
import io.vigil.bus.NotificationJson;
import io.vigil.config.ChannelSpec;
import io.vigil.config.NotifySlice;
import io.vigil.domain.TaskIds;
import io.vigil.domain.fact.ModeChanged;
import io.vigil.domain.notify.Notification;
import io.vigil.kit.Breakers;
import io.vigil.kit.VertxTimers;
import io.vigil.store.Stores;
import io.vigil.store.outbox.OutboxMessage;
import io.vigil.store.outbox.OutboxQuery;
import io.vigil.store.outbox.OutboxStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Delivers notifications, on every node. The alarm engine (on the leader) queues its messages in the shared outbox
 * in the same transaction as its decisions; this verticle claims due rows under a lease and sends them
 * ({@link Sender}): with PostgreSQL every node claims from the one outbox and the claim gives each row to one node,
 * so sending goes on while the leader changes, and a node that dies mid-send leaves its rows to the others when their
 * lease runs out; with the memory store each node sends what it queued itself. It also turns this node's mode
 * switches into notifications ({@link SystemNotices}), wakes at once when rows are queued anywhere
 * ({@code vigil.notify.outbox.queued}), and rebuilds its channels when the configuration changes.
 */
public final class NotifyVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(NotifyVerticle.class);
  private static final int RECENT = 20;

  private final Stores stores;
  private final Clock clock;
  private final String node;
  private NotifySlice slice;
  private Map<String, Channel> channels = Map.of();
  private Sender sender;
  private SystemNotices notices;
  private TaskIds ids;
  private Breakers breakers;
  private long poll = -1;

  public NotifyVerticle(NotifySlice slice, Stores stores, Clock clock, String node) {
    this.slice = slice;
    this.stores = stores;
    this.clock = clock;
    this.node = node;
  }

  @Override
  public Future<?> start() {
    ids = new TaskIds(clock);
    breakers = Breakers.of(vertx, clock);
    channels = build(slice);
    sender = new Sender(stores.outbox(), stores.alarms(), () -> channels, breakers, clock, VertxTimers.on(context),
        () -> ThreadLocalRandom.current().nextDouble(), settings(slice),
        fact -> Facts.publish(vertx.eventBus(), Addresses.NOTIFY_DELIVERY_RECORDED, fact));
    notices = new SystemNotices(node, slice.notifications().externalUrl(), ids::next);
    var bus = vertx.eventBus();
    Facts.listen(bus, Addresses.NOTIFY_OUTBOX_QUEUED, queued -> sender.wake());
    Facts.listen(bus, Addresses.SYSTEM_MODE_CHANGED, change -> notice(change, false));
    Facts.listen(bus, Addresses.SYSTEM_FALLBACK_CHANGED, change -> notice(change, true));
    Facts.listen(bus, Addresses.CONFIG_APPLIED, applied -> {
      if (!applied.changes().touches("notifications", "alarms")) return;
      reconfigure(NotifySlice.of(applied.config()));
    });
    Commands.bind(bus, Addresses.NOTIFICATIONS_LIST, (q, m) -> list(q));
    Commands.bind(bus, Addresses.NOTIFICATIONS_SNAPSHOT, (q, m) -> snapshot());
    schedulePoll();
    sender.wake(); // rows a dead node left, or queued while this node was down
    LOG.info("notifications: {} channel(s) {}", channels.size(), channels.keySet());
    return Future.succeededFuture();
  }

  @Override
  public Future<?> stop() {
    return close(channels);
  }

  /** Polls the outbox while there is a channel to deliver to; with none, a claim could take nothing. */
  private void schedulePoll() {
    if (poll >= 0) vertx.cancelTimer(poll);
    poll = channels.isEmpty() ? -1 : vertx.setPeriodic(slice.notifications().poll().toMillis(), id -> sender.wake());
  }

  private Sender.Settings settings(NotifySlice slice) {
    var n = slice.notifications();
    return new Sender.Settings(node, n.maxAttempts(), n.retry(), n.lease(), n.claimBatch());
  }

  private Map<String, Channel> build(NotifySlice slice) {
    Map<String, Channel> built = new LinkedHashMap<>();
    for (ChannelSpec spec : slice.notifications().channels().values()) {
      built.put(spec.name(), Channels.create(vertx, ChannelConfigs.of(spec), clock));
    }
    return Map.copyOf(built);
  }

  /** New channels from a reload (the old ones are closed once the new ones are in place). */
  private void reconfigure(NotifySlice next) {
    Map<String, Channel> old = channels;
    try {
      channels = build(next);
    } catch (IllegalArgumentException e) {
      LOG.error("notification channels not reloaded, the running ones stay: {}", e.getMessage());
      return;
    }
    slice = next;
    sender.settings(settings(next));
    notices.externalUrl(next.notifications().externalUrl());
    schedulePoll();
    close(old);
    LOG.info("notification channels reloaded: {}", channels.keySet());
    sender.wake();
  }

  private static Future<Void> close(Map<String, Channel> channels) {
    return Future.join(channels.values().stream().map(Channel::close).toList()).mapEmpty();
  }

  /** A mode switch this node made goes to the critical route at once. */
  private void notice(ModeChanged change, boolean automatic) {
    notices.of(change, automatic).ifPresent(n -> enqueue(n, "system/" + change.id()));
  }

  private void enqueue(Notification n, String key) {
    List<String> to = slice.criticalChannels();
    if (to.isEmpty()) {
      LOG.info("{} not sent: no channel on the critical route (alarms.routes.critical)", n.kind().wireName());
      return;
    }
    Instant now = clock.instant();
    List<Future<Boolean>> queued = new ArrayList<>();
    for (String channel : to) {
      String id = ids.next();
      Notification copy = new Notification(id, n.kind(), n.groupKey(), n.groupLabels(), n.alerts(), n.node(),
          n.externalUrl(), n.createdAt());
      queued.add(stores.outbox().enqueue(OutboxMessage.pending(id, channel, null, key + "/" + channel,
          NotificationJson.toJson(copy).encode(), now)));
    }
    Future.join(queued).onComplete(done -> {
      if (done.failed()) LOG.error("{} could not be queued: {}", n.kind().wireName(), done.cause().getMessage());
      Facts.publish(vertx.eventBus(), Addresses.NOTIFY_OUTBOX_QUEUED, new JsonObject().put("channels",
          new JsonArray(to)));
    });
  }

  private Future<JsonObject> list(JsonObject q) {
    String status = q.getString("status");
    OutboxQuery query = new OutboxQuery(q.getString("channel"), status == null ? null : OutboxStatus.fromWire(status),
        q.getString("alarm"), q.getInteger("limit", 100));
    return stores.outbox().list(query).map(rows -> new JsonObject().put("notifications",
        new JsonArray(rows.stream().map(OutboxJson::of).toList())));
  }

  /** Each channel (type, target, breaker, failures and gate on this node) and the latest messages. */
  private Future<JsonObject> snapshot() {
    JsonArray list = new JsonArray();
    channels.forEach((name, channel) -> {
      var breaker = Sender.breaker(breakers, name).snapshot();
      Instant gate = sender.gate(name);
      list.add(new JsonObject().put("name", name).put("type", channel.type().wireName())
          .put("target", channel.target()).put("breaker", breaker.state().wireName())
          .put("consecutive_failures", sender.failures(name)).put("held_until", gate == null ? null : gate.toString()));
    });
    return stores.outbox().list(new OutboxQuery(null, null, null, RECENT)).map(rows -> new JsonObject()
        .put("notifications", new JsonObject().put("channels", list)
            .put("recent", new JsonArray(rows.stream().map(OutboxJson::of).toList()))));
  }
}
