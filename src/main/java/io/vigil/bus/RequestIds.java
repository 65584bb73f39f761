package io.vigil.bus;

import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;

/** The request id travels as a header on every bus message a request causes. */
public final class RequestIds {
  public static final String HEADER = "x-request-id";
  /** Set on commands whose requester takes a {@link HandedJsonCodec} reply. */
  public static final String HANDED = "x-vigil-handed";
  private static final DeliveryOptions HANDED_REPLY = new DeliveryOptions().setCodecName(HandedJsonCodec.NAME);
  private static final DeliveryOptions DEFAULT_REPLY = new DeliveryOptions();

  private RequestIds() {}

  public static DeliveryOptions options(String requestId, long timeoutMs) {
    DeliveryOptions options = new DeliveryOptions().setSendTimeout(timeoutMs);
    if (requestId != null) options.addHeader(HEADER, requestId);
    return options;
  }

  /**
   * For Vigil's own commands: the body is handed over without a copy ({@link HandedJsonCodec}), and the header
   * {@link #HANDED} tells the answering verticle that the requester takes its reply the same way.
   */
  public static DeliveryOptions handedOptions(String requestId, long timeoutMs) {
    return options(requestId, timeoutMs).setCodecName(HandedJsonCodec.NAME).addHeader(HANDED, "1");
  }

  /** Reply options: handed over when the request was (the requester is Vigil and knows the codec), else default. */
  public static DeliveryOptions replyOptions(Message<?> request) {
    return request.headers().contains(HANDED) ? HANDED_REPLY : DEFAULT_REPLY;
  }

  /** The id of the request that caused this message, or null. */
  public static String of(Message<?> message) {
    return message.headers().get(HEADER);
  }
}
