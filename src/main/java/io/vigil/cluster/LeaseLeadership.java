package io.vigil.cluster;

import io.vertx.core.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Leadership of a cluster through one lease in a shared store. Every check, the leader renews its lease
 * (compare-and-set on the text it wrote); any other node takes the lease over when it has expired or its holder
 * is no longer a cluster member (a killed node is usually gone from the member list before its lease runs out).
 * A leader whose renewals do not get through steps down by itself when its lease runs out, even while the store
 * does not answer, so two nodes never both believe they lead for longer than the store takes to answer a check.
 * Nodes compare lease times with their own clocks: keep them in sync (NTP) to well within a lease.
 */
public final class LeaseLeadership implements Leadership {
  private static final Logger LOG = LoggerFactory.getLogger(LeaseLeadership.class);

  private final String node;
  private final LeaseStore store;
  private final Clock clock;
  private final Duration lease;
  private final Predicate<String> member;
  /** The lease this node holds and the exact text stored for it, or null. */
  private Lease held;
  private String heldText;
  /** The leader as last seen in the store, when it is another node. */
  private Lease seen;
  private boolean checking;

  /** @param member whether a node id is a live cluster member */
  public LeaseLeadership(String node, LeaseStore store, Clock clock, Duration lease, Predicate<String> member) {
    this.node = node;
    this.store = store;
    this.clock = clock;
    this.lease = lease;
    this.member = member;
  }

  @Override
  public Future<Optional<Change>> check() {
    Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS); // the precision leases are stored in
    if (checking) return Future.succeededFuture(fence(now)); // the store has not answered the last check yet
    checking = true;
    return store.read()
        .compose(text -> decide(text.orElse(null), now))
        .recover(error -> {
          LOG.warn("leadership check failed: {}", error.getMessage());
          return Future.succeededFuture(fence(now));
        })
        .onComplete(done -> checking = false);
  }

  @Override
  public boolean leads() {
    return held != null;
  }

  @Override
  public Optional<Lease> leader() {
    return Optional.ofNullable(held != null ? held : seen);
  }

  @Override
  public Future<Optional<Change>> resign() {
    if (held == null) return Future.succeededFuture(Optional.empty());
    String text = heldText;
    Optional<Change> change = lose(null, "the node stops");
    return store.remove(text).otherwise(false).map(removed -> change);
  }

  private Future<Optional<Change>> decide(String text, Instant now) {
    Optional<Lease> current = text == null ? Optional.empty() : Lease.decode(text);
    if (held != null) {
      if (!text(text).equals(heldText)) return done(lose(current.orElse(null), "the lease is held by " + holder(current)));
      Lease renewed = held.renewedUntil(now.plus(lease));
      String renewedText = renewed.encode();
      return store.replace(heldText, renewedText).map(ok -> {
        if (held == null) return Optional.<Change>empty(); // stepped down meanwhile; the next check takes it again
        if (!ok) return lose(null, "the lease changed under its renewal");
        held = renewed;
        heldText = renewedText;
        return Optional.<Change>empty();
      });
    }
    if (current.isPresent() && !current.get().node().equals(node) && !current.get().expiredAt(now)
        && member.test(current.get().node())) {
      seen = current.get();
      return done(Optional.empty());
    }
    Lease offer = new Lease(node, now, now.plus(lease));
    String offerText = offer.encode();
    String previous = current.map(Lease::node).orElse(null);
    Future<Boolean> taken = text == null ? store.create(offerText) : store.replace(text, offerText);
    return taken.map(ok -> {
      if (!ok) return Optional.<Change>empty(); // another node was quicker; the next check sees it
      held = offer;
      heldText = offerText;
      seen = null;
      String why = previous == null ? "no node held the lease"
          : current.get().expiredAt(now) ? "the lease of " + previous + " expired"
          : previous.equals(node) ? "an earlier lease of this node" : previous + " left the cluster";
      return Optional.of(new Change(true, offer, previous, why));
    });
  }

  /** Steps down when the lease ran out without a renewal getting through. */
  private Optional<Change> fence(Instant now) {
    return held != null && held.expiredAt(now) ? lose(null, "its lease ran out before a renewal got through")
        : Optional.empty();
  }

  private Optional<Change> lose(Lease successor, String why) {
    held = null;
    heldText = null;
    seen = successor;
    return Optional.of(new Change(false, successor, node, why));
  }

  private static Future<Optional<Change>> done(Optional<Change> change) {
    return Future.succeededFuture(change);
  }

  private static String text(String text) {
    return text == null ? "" : text;
  }

  private static String holder(Optional<Lease> lease) {
    return lease.map(Lease::node).orElse("nobody");
  }
}
