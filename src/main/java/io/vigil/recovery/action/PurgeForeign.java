package io.vigil.recovery.action;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vigil.config.RecoveryConfig;
import io.vigil.config.Secrets;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Clears the stuck messages at the head of an amqp component's queue ({@link RecoveryConfig.PurgeForeign}): takes
 * them one by one ({@code basic.get}, unacknowledged), moves each stuck one to the target queue with publisher
 * confirms and acknowledges it only once the broker confirmed the copy (at least once: a failure leaves the original
 * in place), or acknowledges it alone to drop it. The first message that is not stuck ends the scan; it and every
 * message not acknowledged go back to the queue when the channel closes. RabbitMQ's client blocks, so the whole run is
 * on a worker thread with a connection of its own, opened and closed per run (a rare action). Its outcome names the
 * queue and the counts; the attempt's audited fact carries it.
 */
final class PurgeForeign implements RecoveryAction {
  static final String MOVED_FROM_HEADER = "x-vigil-moved-from";
  static final String ATTEMPT_HEADER = "x-vigil-recovery-attempt";

  private final Vertx vertx;
  private final RecoveryConfig.PurgeForeign config;
  private final Duration timeout;
  private final Clock clock;

  PurgeForeign(Vertx vertx, RecoveryConfig.PurgeForeign config, Duration timeout, Clock clock) {
    this.vertx = vertx;
    this.config = config;
    this.timeout = timeout;
    this.clock = clock;
  }

  @Override
  public Future<ActionResult> run(ActionContext context) {
    return vertx.executeBlocking(() -> clear(context.attemptId()), false);
  }

  private ActionResult clear(String attemptId) throws InterruptedException {
    ConnectionFactory factory = new ConnectionFactory();
    int ms = (int) Math.min(Integer.MAX_VALUE, Math.max(1, timeout.toMillis()));
    factory.setConnectionTimeout(ms);
    factory.setHandshakeTimeout(ms);
    factory.setChannelRpcTimeout(ms);
    factory.setAutomaticRecoveryEnabled(false);
    try {
      factory.setUri(config.url());
    } catch (java.net.URISyntaxException | java.security.GeneralSecurityException e) {
      return ActionResult.failed("the AMQP URL " + Secrets.maskUrl(config.url()) + " cannot be used"); // e names it whole
    }
    try (Connection connection = factory.newConnection("vigil-recovery")) {
      Channel channel = connection.createChannel();
      long depth = channel.queueDeclarePassive(config.queue()).getMessageCount();
      if (!config.purges()) {
        channel.queueDeclarePassive(config.moveTo()); // a missing target fails here, before anything is taken
        channel.confirmSelect();
      }
      long limit = config.olderThan() != null ? config.max()
          : Math.min(config.max(), Math.max(0, depth - config.overDepth()));
      long cutoff = config.olderThan() == null ? Long.MAX_VALUE : clock.millis() - config.olderThan().toMillis();
      List<Long> taken = new ArrayList<>();
      while (taken.size() < limit) {
        GetResponse message = channel.basicGet(config.queue(), false);
        if (message == null) break;
        if (!stuck(message, cutoff)) break; // not acknowledged: back at the head when the channel closes
        if (!config.purges()) channel.basicPublish("", config.moveTo(), moved(message.getProps(), attemptId),
            message.getBody());
        taken.add(message.getEnvelope().getDeliveryTag());
      }
      if (!config.purges() && !taken.isEmpty()) channel.waitForConfirmsOrDie(ms);
      for (long tag : taken) channel.basicAck(tag, false);
      channel.close(); // requeues the one message that ended the scan
      String where = config.purges() ? "dropped" : "moved to " + config.moveTo();
      return ActionResult.ok(taken.size() + " stuck message(s) of " + config.queue() + " " + where
          + " (" + depth + " were waiting)");
    } catch (java.io.IOException | java.util.concurrent.TimeoutException e) {
      return ActionResult.failed(Secrets.maskUrl(config.url()) + " queue " + config.queue() + ": "
          + (e.getCause() instanceof com.rabbitmq.client.ShutdownSignalException s ? s.getMessage() : e.toString()));
    }
  }

  private boolean stuck(GetResponse message, long cutoff) {
    if (config.olderThan() == null) return true; // over_depth: the limit counted them
    java.util.Date at = message.getProps().getTimestamp();
    return at != null && at.getTime() < cutoff;
  }

  private AMQP.BasicProperties moved(AMQP.BasicProperties props, String attemptId) {
    Map<String, Object> headers = props.getHeaders() == null ? new HashMap<>() : new HashMap<>(props.getHeaders());
    headers.put(MOVED_FROM_HEADER, config.queue());
    headers.put(ATTEMPT_HEADER, attemptId);
    return props.builder().headers(headers).build();
  }
}
