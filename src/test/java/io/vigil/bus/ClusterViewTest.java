package io.vigil.bus;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** A request never waits for its timeout on a node that left: {@link ClusterView} fails it when its servers go. */
class ClusterViewTest {
  private static final DeliveryOptions LONG = new DeliveryOptions().setSendTimeout(60_000);
  private Vertx vertx;
  private ClusterView view;

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
    view = new ClusterView();
    ClusterView.install(vertx, view, "here");
    vertx.eventBus().consumer("silent", message -> { /* works forever, as a node that was killed */ });
    vertx.eventBus().consumer("answers", message -> message.reply("done"));
  }

  @AfterEach
  void stop() {
    vertx.close().await();
  }

  private Future<Message<Object>> ask(String address) {
    return ClusterView.request(vertx.eventBus(), address, "work", LONG);
  }

  @Test
  @DisplayName("a request fails with no handlers at once when the only node that served its address leaves")
  void failsWhenItsOnlyServerLeaves() throws Exception {
    view.served("silent", List.of("n1"));
    Future<Message<Object>> asked = ask("silent");

    view.departed("n1");

    Throwable error = asked.toCompletionStage().toCompletableFuture().handle((m, e) -> e).get(2, TimeUnit.SECONDS);
    assertThat(error).isInstanceOf(ClusterView.NodeLeft.class);
    assertThat(((ReplyException) error).failureType()).isEqualTo(ReplyFailure.NO_HANDLERS);
    assertThat(error).hasMessageContaining("silent").hasMessageContaining("left the cluster");
    assertThat(view.pending()).isZero();
    assertThat(view.servers("silent")).isEmpty();
  }

  @Test
  @DisplayName("a request that may run twice fails as soon as any node that served its address leaves")
  void failsOnAnyDepartureWhenAskedTo() throws Exception {
    view.served("silent", List.of("n1", "n2"));
    Future<Message<Object>> asked = ClusterView.request(vertx.eventBus(), "silent", "work", LONG,
        ClusterView.Departure.ANY_SERVER);

    view.departed("n3"); // never served it
    assertThat(asked.isComplete()).isFalse();
    view.departed("n2");

    Throwable error = asked.toCompletionStage().toCompletableFuture().handle((m, e) -> e).get(2, TimeUnit.SECONDS);
    assertThat(error).isInstanceOf(ClusterView.NodeLeft.class)
        .hasMessage("node n2, which may have been answering silent, left the cluster");
    assertThat(view.pending()).isZero();
    assertThat(view.servers("silent")).containsExactly("n1");
  }

  @Test
  @DisplayName("a request to an address several nodes serve keeps waiting until all of them have left")
  void waitsWhileAnotherServerMayHaveIt() throws Exception {
    view.served("silent", List.of("n1", "n2"));
    Future<Message<Object>> asked = ask("silent");

    view.departed("n1");
    view.departed("n3");
    // asked from a plain thread, a failure is immediate: nothing to wait for
    assertThat(asked.isComplete()).isFalse();

    view.departed("n2");
    assertThat(asked.toCompletionStage().toCompletableFuture().handle((m, e) -> e).get(2, TimeUnit.SECONDS))
        .isInstanceOf(ClusterView.NodeLeft.class);
  }

  @Test
  @DisplayName("answers pass through and leave nothing pending; an address nobody reported on waits for Vert.x")
  void answersPassThrough() throws Exception {
    view.served("answers", List.of("n1"));
    assertThat(ask("answers").toCompletionStage().toCompletableFuture().get(2, TimeUnit.SECONDS).body()).isEqualTo("done");
    assertThat(view.pending()).isZero();

    Future<Message<Object>> unknown = ask("silent");
    view.departed("n1");
    assertThat(unknown.isComplete()).isFalse();
  }

  @Test
  @DisplayName("an address sent to for the first time is learnt as Vert.x looks it up, and guarded from then on")
  void learnsTheServersOfAFirstSend() throws Exception {
    Future<Message<Object>> first = ask("silent");
    view.served("silent", List.of("n1")); // what the cluster manager answers Vert.x's routing for this send

    view.departed("n1");

    assertThat(first.toCompletionStage().toCompletableFuture().handle((m, e) -> e).get(2, TimeUnit.SECONDS))
        .isInstanceOf(ClusterView.NodeLeft.class);
  }

  @Test
  @DisplayName("a request sent after the only server left, while Vert.x may still route to it, fails at once until a live server is reported")
  void requestsSentAfterTheOnlyServerLeftFailAtOnce() throws Exception {
    view.served("silent", List.of("n1"));
    view.departed("n1");
    view.served("silent", List.of("n1")); // a late report still listing the dead node

    Throwable error = ask("silent").toCompletionStage().toCompletableFuture().handle((m, e) -> e).get(2, TimeUnit.SECONDS);
    assertThat(error).isInstanceOf(ClusterView.NodeLeft.class);
    assertThat(view.servers("silent")).isEmpty();

    view.served("answers", List.of("n2")); // another address is unaffected
    assertThat(ask("answers").toCompletionStage().toCompletableFuture().get(2, TimeUnit.SECONDS).body()).isEqualTo("done");
    view.served("silent", List.of("n2")); // a new leader serves it again: requests go out and wait for it
    assertThat(ask("silent").isComplete()).isFalse();
  }
}
