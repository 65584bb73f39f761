package io.vigil.notify;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;

/**
 * Signs a webhook body so its receiver can tell it came from Vigil and was not replayed: the signature is
 * {@code sha256=<hex HMAC-SHA256(key, "<timestamp>.<raw body>")>} in {@code X-Vigil-Signature}, the Unix time in
 * seconds in {@code X-Vigil-Timestamp}. A receiver recomputes it over the raw bytes it got, compares in constant
 * time, and refuses timestamps older than a few minutes (docs/notifications.md has the code).
 */
public final class WebhookSigner {
  public static final String SIGNATURE_HEADER = "X-Vigil-Signature";
  public static final String TIMESTAMP_HEADER = "X-Vigil-Timestamp";
  public static final String ID_HEADER = "X-Vigil-Notification-Id";
  private static final String ALGORITHM = "HmacSHA256";

  private final SecretKeySpec key;

  public WebhookSigner(Secret key) {
    this.key = new SecretKeySpec(key.reveal().getBytes(StandardCharsets.UTF_8), ALGORITHM);
  }

  /** The {@code X-Vigil-Signature} value for {@code body} sent at {@code epochSeconds}. */
  public String sign(long epochSeconds, byte[] body) {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(key);
      mac.update((epochSeconds + ".").getBytes(StandardCharsets.US_ASCII));
      return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }

  @Override
  public String toString() {
    return "WebhookSigner[****]";
  }
}
