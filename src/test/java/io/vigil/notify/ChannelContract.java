package io.vigil.notify;

import io.vertx.core.Vertx;
import io.vigil.domain.notify.Delivery;
import io.vigil.domain.notify.Notification;
import io.vigil.testing.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import static io.vigil.testing.Await.result;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every notification channel owes the outbox, run against a real local receiver. An implementation says how
 * to reach its receiver in each situation (up, down, refusing, silent) and how to read what the receiver got.
 *
 * <p>After every case it checks that no secret of the channel shows in any outcome, target, {@code toString} or
 * log line.
 */
public abstract class ChannelContract {
  protected static final Duration SHORT_TIMEOUT = Duration.ofMillis(300);

  protected Vertx vertx;
  /** Starts at the real time: Alertmanager compares the times it is sent with its own clock. */
  protected MutableClock clock;
  private final List<Channel> channels = new ArrayList<>();
  private final List<Delivery> outcomes = new ArrayList<>();
  private LogCapture logs;

  /** A channel to the receiver, answering normally, with this timeout. */
  protected abstract Channel channelToReceiver();

  /** A channel whose receiver is down: nothing listens where it points. */
  protected abstract Channel channelToReceiverThatIsDown();

  /** A channel the receiver refuses for good (a revoked URL, a bad token, a wrong login, a wrong path). */
  protected abstract Channel channelTheReceiverRefuses();

  /** A channel to a receiver that accepts the connection and never answers, with {@code timeout}. */
  protected abstract Channel channelToSilentReceiver(Duration timeout);

  /** Asserts the receiver got {@code n} as firing, in its own shape. */
  protected abstract void assertReceivedFiring(Notification n);

  /** Asserts the receiver learnt that {@code firing}'s alerts resolved (through {@code resolve}). */
  protected abstract void assertReceivedResolve(Notification firing, Notification resolve);

  /** The secret values this channel holds; none may ever be shown. */
  protected abstract List<String> secrets();

  @BeforeEach
  void startContract() {
    vertx = Vertx.vertx();
    clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.MILLIS));
    logs = new LogCapture();
  }

  @AfterEach
  void noSecretWasShown() {
    try {
      List<String> shown = new ArrayList<>(logs.lines());
      outcomes.forEach(d -> shown.add(d.toString()));
      channels.forEach(c -> {
        shown.add(c.toString());
        shown.add(c.target());
      });
      for (String secret : secrets()) {
        assertThat(shown).as("shown text never contains a secret").noneMatch(s -> s.contains(secret));
      }
    } finally {
      logs.close();
      channels.forEach(c -> result(c.close()));
      result(vertx.close());
    }
  }

  /** Delivers through {@code channel}; the future must succeed (outcomes are values), within 10 s. */
  protected Delivery deliver(Channel channel, Notification n) {
    if (!channels.contains(channel)) channels.add(channel);
    Delivery d = result(channel.deliver(n));
    outcomes.add(d);
    return d;
  }

  @Test
  @DisplayName("delivers a firing notification the receiver then holds")
  void deliversAFiringNotification() {
    Notification firing = Samples.firing(clock.instant());

    Delivery d = deliver(channelToReceiver(), firing);

    assertThat(d.outcome()).as(d.toString()).isEqualTo(Delivery.Outcome.DELIVERED);
    assertReceivedFiring(firing);
  }

  @Test
  @DisplayName("delivers the resolve after the firing, and the receiver knows it resolved")
  void deliversTheResolve() {
    Channel channel = channelToReceiver();
    Notification firing = Samples.firing(clock.instant());
    assertThat(deliver(channel, firing).isDelivered()).isTrue();
    // the real time again, not ahead of it: Alertmanager ignores a resolve whose endsAt lies in its future
    clock.set(Instant.now().truncatedTo(ChronoUnit.MILLIS));
    Notification resolve = Samples.resolve(firing, clock.instant());

    Delivery d = deliver(channel, resolve);

    assertThat(d.outcome()).as(d.toString()).isEqualTo(Delivery.Outcome.DELIVERED);
    assertReceivedResolve(firing, resolve);
  }

  @Test
  @DisplayName("a receiver that is down is a retryable failure, not an exception")
  void aReceiverThatIsDownIsRetryable() {
    Delivery d = deliver(channelToReceiverThatIsDown(), Samples.firing(clock.instant()));

    assertThat(d.outcome()).as(d.toString()).isEqualTo(Delivery.Outcome.FAILED_RETRYABLE);
    assertThat(d.reason()).isNotBlank();
    assertThat(d.statusCode()).isZero();
  }

  @Test
  @DisplayName("a receiver that refuses the message for good is a permanent failure with its status")
  void aRefusalIsPermanent() {
    Delivery d = deliver(channelTheReceiverRefuses(), Samples.firing(clock.instant()));

    assertThat(d.outcome()).as(d.toString()).isEqualTo(Delivery.Outcome.FAILED_PERMANENT);
    assertThat(d.statusCode()).isBetween(400, 599);
    assertThat(d.reason()).contains(Integer.toString(d.statusCode()));
  }

  @Test
  @DisplayName("a receiver that never answers times out as a retryable failure")
  void aSilentReceiverTimesOut() {
    Delivery d = deliver(channelToSilentReceiver(SHORT_TIMEOUT), Samples.firing(clock.instant()));

    assertThat(d.outcome()).as(d.toString()).isEqualTo(Delivery.Outcome.FAILED_RETRYABLE);
    assertThat(d.reason()).contains("within " + SHORT_TIMEOUT.toMillis() + " ms");
  }

  @Test
  @DisplayName("the channel's target names where it delivers without its secrets")
  void theTargetIsSafeToShow() {
    Channel channel = channelToReceiver();
    channels.add(channel);

    assertThat(channel.target()).isNotBlank();
    assertThat(channel.name()).isNotBlank();
  }
}
