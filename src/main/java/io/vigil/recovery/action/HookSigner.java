package io.vigil.recovery.action;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;

/**
 * The webhook channel's signature scheme (notify/WebhookSigner; a capability does not import another, and
 * {@code HookSignerTest} holds the two to the same answer): {@code sha256=<hex HMAC-SHA256(key, "<ts>.<body>")>} in
 * {@code X-Vigil-Signature}, the Unix time in seconds in {@code X-Vigil-Timestamp}.
 */
final class HookSigner {
  static final String SIGNATURE_HEADER = "X-Vigil-Signature";
  static final String TIMESTAMP_HEADER = "X-Vigil-Timestamp";
  static final String ID_HEADER = "X-Vigil-Attempt-Id";

  private final SecretKeySpec key;

  HookSigner(String key) {
    this.key = new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
  }

  String sign(long epochSeconds, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      mac.update((epochSeconds + ".").getBytes(StandardCharsets.US_ASCII));
      return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }

  @Override
  public String toString() {
    return "HookSigner[****]";
  }
}
