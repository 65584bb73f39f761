package io.vigil.bus;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;

import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What this node knows of the clustered bus beyond Vert.x's API: which nodes serve an address and which nodes
 * left, so that a cluster-wide request never waits for its timeout on a dead node.
 *
 * <p>Vert.x routes a request to a node that holds a consumer; when that node was killed and the cluster has not yet
 * noticed, the write to it fails but the request is not failed (only a {@code ReplyException} fails a reply
 * handler), so the caller waits out its whole timeout — as it does when the node dies while working on the request.
 * {@link #request} records, when it sends, the nodes that serve the address; every node that leaves is struck off
 * each request's list, and a request whose list becomes empty fails at once with {@code NO_HANDLERS} (the callers'
 * "nobody serves this now": 503 with Retry-After from the API, a retryable attempt for a worker task). Which of
 * several servers Vert.x picked cannot be known, so a request to an address several nodes serve fails, by default,
 * only when all of them have left (failing one still running on a live node would do the work twice). A caller
 * that may do the work twice — a task attempt is at least once anyway — asks {@link Departure#ANY_SERVER}: its
 * request fails as soon as any node that served the address leaves, and the caller tells the others to stop it.
 *
 * <p>The clustered node's cluster manager feeds it ({@link #served}, {@link #departed}); a node that is not clustered
 * has none, and {@link #request} is then a plain request.
 */
public final class ClusterView {
  private static final Map<EventBus, ClusterView> INSTALLED = Collections.synchronizedMap(new WeakHashMap<>());

  /** The header naming the node a cluster-wide fact was published on ({@link Facts}). */
  public static final String ORIGIN = "vigil-node";

  private static final int GONE_KEPT = 1_024;

  private final Map<String, Set<String>> servers = new ConcurrentHashMap<>();
  private volatile DeliveryOptions origin = new DeliveryOptions();
  private final Set<Pending> pending = ConcurrentHashMap.newKeySet();
  /** Nodes that left (bounded): a late report still listing one of them does not bring it back. */
  private final Set<String> gone = ConcurrentHashMap.newKeySet();
  /**
   * Addresses whose every server left and which no live node serves again yet. Vert.x may still route a request
   * there (it drops a dead node's consumers a moment after the member), so such a request fails at once.
   */
  private final Map<String, Long> orphaned = new ConcurrentHashMap<>();
  /** How long an orphaned address fails requests at once, unless a live server is reported sooner. */
  private static final long ORPHAN_NANOS = java.util.concurrent.TimeUnit.SECONDS.toNanos(5);

  /** The cluster manager's latest list of the nodes that hold a consumer for {@code address}. */
  public void served(String address, Collection<String> nodes) {
    Set<String> serving = Set.copyOf(nodes.stream().filter(n -> !gone.contains(n)).toList());
    servers.put(address, serving);
    if (!serving.isEmpty()) orphaned.remove(address);
    for (Pending request : pending) request.learn(address, serving);
  }

  /** A node left the cluster: it serves nothing any more, and requests that only it could answer fail now. */
  public void departed(String node) {
    if (gone.size() >= GONE_KEPT) gone.clear();
    gone.add(node);
    servers.replaceAll((address, nodes) -> {
      if (!nodes.contains(node)) return nodes;
      Set<String> rest = new HashSet<>(nodes);
      rest.remove(node);
      if (rest.isEmpty()) orphaned.put(address, System.nanoTime());
      return Set.copyOf(rest);
    });
    for (Pending request : pending) request.struckOff(node);
  }

  /** Whether every server of {@code address} left within the last few seconds and no live one was reported since. */
  boolean orphaned(String address) {
    Long since = orphaned.get(address);
    if (since == null) return false;
    if (System.nanoTime() - since < ORPHAN_NANOS) return true;
    orphaned.remove(address, since);
    return false;
  }

  /** Whether the cluster manager reports on {@code address} (it does for the addresses this node sends to). */
  public boolean tracks(String address) {
    return servers.containsKey(address);
  }

  /** The nodes known to serve {@code address}: null when not known, empty when nobody does. */
  public Set<String> servers(String address) {
    return servers.get(address);
  }

  /** Requests sent and not answered yet (tests). */
  int pending() {
    return pending.size();
  }

  /** Makes {@code view} the one {@link #of} returns for {@code vertx}'s bus, on the node {@code node}. */
  public static void install(Vertx vertx, ClusterView view, String node) {
    view.origin = new DeliveryOptions().addHeader(ORIGIN, node);
    INSTALLED.put(vertx.eventBus(), view);
  }

  /** Options that name this node as a publish's origin. */
  DeliveryOptions origin() {
    return origin;
  }

  /** The view installed for {@code bus}, or null when the node is not clustered. */
  public static ClusterView of(EventBus bus) {
    return INSTALLED.get(bus);
  }

  /** Which departures fail a request to an address several nodes serve. */
  public enum Departure {
    /** Only the last server's: the request may be running on any of them (for work that must not run twice). */
    ALL_SERVERS,
    /** Any server's: it may have been the one running the request (for work that is retried, at least once). */
    ANY_SERVER
  }

  /**
   * {@code eventBus().request(address, body, options)}, failed with {@code NO_HANDLERS} as soon as every node that
   * served the address when it was sent has left the cluster. A local-only request is sent as it is.
   */
  public static <T> Future<Message<T>> request(EventBus bus, String address, Object body, DeliveryOptions options) {
    return request(bus, address, body, options, Departure.ALL_SERVERS);
  }

  /** {@link #request}, failed as soon as the departures {@code failOn} names happened. */
  public static <T> Future<Message<T>> request(EventBus bus, String address, Object body, DeliveryOptions options,
                                               Departure failOn) {
    ClusterView view = options.isLocalOnly() ? null : of(bus);
    if (view == null) return bus.request(address, body, options);
    if (view.orphaned(address)) {
      return Future.failedFuture(new NodeLeft("the node that was answering " + address + " left the cluster"));
    }
    Promise<Message<T>> answer = Promise.promise();
    // an address sent to for the first time is looked up by Vert.x's routing as it sends: the view learns it then
    Pending request = new Pending(view, address, failOn, view.servers(address), Vertx.currentContext(), answer);
    view.pending.add(request);
    Future<Message<T>> sent = bus.request(address, body, options);
    sent.onComplete(done -> {
      view.pending.remove(request);
      if (done.succeeded()) answer.tryComplete(done.result());
      else answer.tryFail(done.cause());
    });
    return answer.future();
  }

  /** How a request fails when the nodes that could answer it left: {@code NO_HANDLERS}, with its own message. */
  public static final class NodeLeft extends ReplyException {
    NodeLeft(String message) {
      super(ReplyFailure.NO_HANDLERS, -1, message);
    }
  }

  private static final class Pending {
    private final ClusterView view;
    private final String address;
    private final Departure failOn;
    private final Set<String> candidates = ConcurrentHashMap.newKeySet();
    private final Context context;
    private final Promise<?> answer;
    /** Whether the candidates are known: an address nobody reported on is judged by Vert.x and the timeout alone. */
    private volatile boolean known;

    Pending(ClusterView view, String address, Departure failOn, Set<String> serving, Context context,
            Promise<?> answer) {
      this.view = view;
      this.address = address;
      this.failOn = failOn;
      this.context = context;
      this.answer = answer;
      learn(address, serving);
    }

    synchronized void learn(String address, Set<String> serving) {
      if (known || serving == null || serving.isEmpty() || !this.address.equals(address)) return;
      candidates.addAll(serving);
      known = true;
    }

    void struckOff(String node) {
      if (!known || !candidates.remove(node)) return;
      if (!candidates.isEmpty() && failOn == Departure.ALL_SERVERS) return;
      view.pending.remove(this);
      NodeLeft left = new NodeLeft(candidates.isEmpty() ? "the node that was answering " + address + " left the cluster"
          : "node " + node + ", which may have been answering " + address + ", left the cluster");
      if (context == null) answer.tryFail(left);
      else context.runOnContext(v -> answer.tryFail(left));
    }
  }
}
