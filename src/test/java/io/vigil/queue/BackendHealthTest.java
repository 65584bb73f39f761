package io.vigil.queue;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vigil.testing.Await;
import io.vigil.testing.Eventually;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class BackendHealthTest {
  final Vertx vertx = Vertx.vertx();
  final AtomicBoolean reachable = new AtomicBoolean(true);
  /** Pings that fail before the switch decides again, like a dropped connection being replaced. */
  final AtomicInteger failNextPings = new AtomicInteger();
  final AtomicInteger pings = new AtomicInteger();
  final List<String> transitions = new CopyOnWriteArrayList<>();

  /** A backend that only answers ping, as the switch says. */
  final QueueBackend backend = (QueueBackend) Proxy.newProxyInstance(getClass().getClassLoader(),
      new Class<?>[] {QueueBackend.class}, (proxy, method, args) -> switch (method.getName()) {
        case "ping" -> {
          pings.incrementAndGet();
          boolean fail = !reachable.get() || failNextPings.getAndUpdate(n -> Math.max(0, n - 1)) > 0;
          yield fail ? Future.failedFuture("connection refused") : Future.succeededFuture();
        }
        case "name" -> "fake";
        default -> throw new UnsupportedOperationException(method.getName());
      });

  final BackendHealth health = new BackendHealth(vertx, backend, Duration.ofMillis(10), Duration.ofMillis(40),
      cause -> transitions.add("lost: " + cause.getMessage()), () -> transitions.add("restored"));

  @AfterEach
  void close() {
    Await.result(vertx.close());
  }

  private void onLoop(Runnable action) {
    vertx.runOnContext(v -> action.run());
  }

  @Test
  void aFailedOperationWhileTheBackendStillAnswersIsNotALoss() {
    onLoop(() -> health.failed(new RuntimeException("one bad call")));

    Eventually.await("the check ping", Duration.ofSeconds(2), () -> pings.get() == 1);
    assertThat(transitions).isEmpty();
    assertThat(health.isLost()).isFalse();
  }

  @Test
  void oneFailedPingWhileAConnectionIsReplacedIsNotALoss() {
    failNextPings.set(1);
    onLoop(() -> health.failed(new RuntimeException("connection closed")));

    Eventually.await("the re-check", Duration.ofSeconds(2), () -> pings.get() == 2);
    assertThat(transitions).isEmpty();
    assertThat(health.isLost()).isFalse();
  }

  @Test
  void anUnansweredPingDeclaresTheBackendLostOnceAndItsAnswerRestoresIt() {
    reachable.set(false);
    onLoop(() -> health.failed(new RuntimeException("timeout")));

    Eventually.await("the loss", Duration.ofSeconds(2), () -> transitions.contains("lost: connection refused"));
    Eventually.await("a few more pings while lost", Duration.ofSeconds(2), () -> pings.get() >= 4);
    assertThat(transitions).containsExactly("lost: connection refused");

    reachable.set(true);
    Eventually.await("the return", Duration.ofSeconds(2), () -> transitions.contains("restored"));
    assertThat(transitions).containsExactly("lost: connection refused", "restored");
    assertThat(health.isLost()).isFalse();
  }

  @Test
  void pingsWhileLostBackOffExponentiallyUpToTheCeiling() {
    Duration base = Duration.ofMillis(10);
    Duration max = Duration.ofMillis(40);

    assertThat(List.of(0, 1, 2, 3, 50).stream().map(n -> BackendHealth.backoffMillis(base, max, n)))
        .containsExactly(10L, 20L, 40L, 40L, 40L);
  }
}
