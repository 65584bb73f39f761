package io.vigil.notify;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.mail.LoginOption;
import io.vertx.ext.mail.MailClient;
import io.vertx.ext.mail.MailConfig;
import io.vertx.ext.mail.SMTPException;
import io.vertx.ext.mail.StartTLSOptions;
import io.vigil.domain.notify.Delivery;
import io.vigil.domain.notify.Notification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.TimeUnit;

/**
 * Sends email over SMTP with the Vert.x mail client (non-blocking). SMTP's own answer decides the outcome: a 5xx
 * reply (bad login, recipient refused) is permanent, a 4xx reply (greylisting, mailbox busy) retryable; a server
 * that is down or silent past the timeout is retryable.
 */
public final class EmailChannel extends AbstractChannel<EmailConfig> {
  private static final Logger LOG = LoggerFactory.getLogger(EmailChannel.class);

  private final MailClient client;
  private final Redactor redactor;

  public EmailChannel(Vertx vertx, EmailConfig config) {
    super(config);
    this.redactor = Redactor.builder().secret(config.password()).build();
    int timeoutMs = (int) Math.min(Integer.MAX_VALUE, config.timeout().toMillis());
    MailConfig mail = new MailConfig()
        .setHostname(config.host())
        .setPort(config.port())
        .setSsl(config.security() == EmailConfig.Security.TLS)
        .setStarttls(config.security() == EmailConfig.Security.STARTTLS ? StartTLSOptions.REQUIRED
            : StartTLSOptions.DISABLED)
        .setLogin(config.username() == null ? LoginOption.DISABLED : LoginOption.REQUIRED)
        .setKeepAlive(true);
    mail.setConnectTimeout(timeoutMs);
    mail.setIdleTimeout(timeoutMs);
    mail.setIdleTimeoutUnit(TimeUnit.MILLISECONDS);
    if (config.username() != null) {
      mail.setUsername(config.username()).setPassword(config.password().reveal());
    }
    this.client = MailClient.create(vertx, mail);
  }

  @Override
  public String target() {
    return "smtp://" + config.host() + ":" + config.port() + " -> " + config.to().size() + " recipient(s)";
  }

  @Override
  public Future<Delivery> deliver(Notification notification) {
    Future<Delivery> outcome;
    try {
      outcome = client.sendMail(EmailMessage.of(notification, config))
          .timeout(config.timeout().toMillis(), TimeUnit.MILLISECONDS)
          .map(r -> Delivery.delivered(250))
          .recover(err -> Future.succeededFuture(classify(err)));
    } catch (RuntimeException e) {
      outcome = Future.succeededFuture(Delivery.permanent("cannot build the message: " + e.getMessage(), 0));
    }
    return outcome.map(redactor::redact).onSuccess(d -> {
      if (LOG.isDebugEnabled()) LOG.debug("channel {}: {} {} {}", name(), d.outcome(), d.statusCode(), d.reason());
    });
  }

  private Delivery classify(Throwable err) {
    if (err instanceof SMTPException smtp) {
      String reason = "SMTP " + smtp.getReplyMessage().strip();
      return smtp.isPermanent() ? Delivery.permanent(reason, smtp.getReplyCode())
          : Delivery.retryable(reason, smtp.getReplyCode());
    }
    return Outcomes.ofTransportFailure(err, config.timeout());
  }

  @Override
  public Future<Void> close() {
    return client.close();
  }
}
