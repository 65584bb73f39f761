package io.vigil.probe;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.ShutdownSignalException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vigil.config.ProbeSpec;
import io.vigil.config.Secrets;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A RabbitMQ queue: a passive {@code queue.declare} (which never creates or changes the queue) answers its depth and
 * consumer count in one round trip. Nothing consuming while messages wait fails (when {@code require_consumers});
 * depth above {@code max_depth} is degraded; a missing queue fails. RabbitMQ's Java client blocks, so every call runs
 * on a worker thread, one at a time per probe; the connection is kept between checks and opened again when lost
 * (a passive declare of a missing queue closes only its channel). Why this client rather than
 * vertx-rabbitmq-client: the README's dependency table.
 */
final class AmqpProbe implements Probe {
  private final Vertx vertx;
  private final ProbeSpec.Amqp spec;
  private final ConnectionFactory factory;
  private Connection connection;

  AmqpProbe(Vertx vertx, ProbeSpec.Amqp spec) {
    this.vertx = vertx;
    this.spec = spec;
    this.factory = new ConnectionFactory();
    int timeout = (int) Math.max(1, spec.timing().timeout().toMillis());
    factory.setConnectionTimeout(timeout);
    factory.setHandshakeTimeout(timeout);
    factory.setChannelRpcTimeout(timeout);
    factory.setShutdownTimeout(timeout);
    factory.setAutomaticRecoveryEnabled(false); // the next check reconnects
    factory.setTopologyRecoveryEnabled(false);
  }

  @Override
  public Future<Reading> check() {
    return vertx.executeBlocking(this::declarePassively, false);
  }

  private synchronized Reading declarePassively() {
    try {
      if (connection == null || !connection.isOpen()) {
        factory.setUri(spec.url());
        connection = factory.newConnection("vigil-probe");
      }
      try (Channel channel = connection.createChannel()) {
        AMQP.Queue.DeclareOk queue = channel.queueDeclarePassive(spec.queue());
        return judge(queue.getMessageCount(), queue.getConsumerCount());
      }
    } catch (IOException e) {
      if (notFound(e)) return Reading.failed("queue '" + spec.queue() + "' does not exist");
      return Reading.failed(Secrets.maskUrl(spec.url()) + ": " + Errors.describe(e));
    } catch (java.net.URISyntaxException | java.security.GeneralSecurityException e) {
      return Reading.unknown("the AMQP URL cannot be used: " + e.getMessage());
    } catch (Exception e) {
      return Reading.failed(Errors.describe(e));
    }
  }

  Reading judge(long depth, long consumers) {
    Map<String, Object> figures = new LinkedHashMap<>();
    figures.put("queue", spec.queue());
    figures.put("depth", depth);
    figures.put("consumers", consumers);
    Verdict verdict = new Verdict();
    if (spec.requireConsumers() && consumers == 0 && depth > 0) {
      verdict.fail(depth + " message(s) wait and nothing consumes them");
    }
    if (spec.maxDepth() > 0 && depth > spec.maxDepth()) verdict.concern(depth + " message(s) wait, above " + spec.maxDepth());
    return new Reading(verdict.outcome(), figures);
  }

  private static boolean notFound(IOException e) {
    return e.getCause() instanceof ShutdownSignalException signal
        && signal.getReason() instanceof AMQP.Channel.Close close && close.getReplyCode() == AMQP.NOT_FOUND;
  }

  @Override
  public Future<Void> close() {
    return vertx.executeBlocking(() -> {
      synchronized (this) {
        if (connection != null && connection.isOpen()) connection.abort();
        connection = null;
      }
      return null;
    }, false);
  }
}
