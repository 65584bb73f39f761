package io.vigil.notify;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vigil.domain.notify.Delivery;
import io.vigil.domain.notify.Notification;

import java.time.Clock;
import java.time.Duration;

/**
 * Sends through the Telegram Bot API's {@code sendMessage}. Telegram answers {@code {"ok":true,...}}, or
 * {@code {"ok":false,"error_code":429,"parameters":{"retry_after":N}}} when flooded: that becomes retry-after N
 * seconds, as Telegram requires. The bot token sits in the URL path and is masked everywhere.
 */
public final class TelegramChannel extends AbstractChannel<TelegramConfig> {
  private final HttpPoster poster;
  private final Clock clock;

  public TelegramChannel(Vertx vertx, TelegramConfig config, Clock clock) {
    super(config);
    this.clock = clock;
    this.poster = new HttpPoster(vertx, config.name(), config.timeout(),
        Redactor.builder().secret(config.botToken()).build(), clock);
  }

  @Override
  public String target() {
    return Redactor.maskUrl(config.apiBaseUrl() + "/bot") + " chat " + config.chatId();
  }

  @Override
  public Future<Delivery> deliver(Notification notification) {
    Buffer body = TelegramMessage.of(notification, config).toBuffer();
    String url = config.apiBaseUrl() + "/bot" + config.botToken().reveal() + "/sendMessage";
    return poster.post(url, MultiMap.caseInsensitiveMultiMap().add("Content-Type", "application/json; charset=utf-8"),
        body, this::interpret);
  }

  private Delivery interpret(HttpResponse<Buffer> response) {
    JsonObject answer;
    try {
      answer = response.body() == null ? null : response.bodyAsJsonObject();
    } catch (DecodeException | ClassCastException notJson) {
      answer = null;
    }
    if (answer == null) {
      return Outcomes.ofHttpStatus(response.statusCode(), response.headers(), response.bodyAsString(), clock);
    }
    int status = response.statusCode();
    if (status == 200 && answer.getBoolean("ok", false)) return Delivery.delivered(status);
    String description = answer.getString("description", "no description");
    JsonObject parameters = answer.getJsonObject("parameters");
    Long retryAfter = parameters == null ? null : parameters.getLong("retry_after");
    if (retryAfter != null) {
      return Delivery.retryAfter(Duration.ofSeconds(Math.max(0, retryAfter)), "Telegram: " + description, status);
    }
    if (status == 200) return Delivery.permanent("Telegram: " + description, status);
    Delivery byStatus = Outcomes.ofHttpStatus(status, response.headers(), null, clock);
    return byStatus.withReason(r -> r + ": Telegram: " + description);
  }

  @Override
  public Future<Void> close() {
    return poster.close();
  }
}
