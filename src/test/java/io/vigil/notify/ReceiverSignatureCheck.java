package io.vigil.notify;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * How a webhook receiver checks Vigil's signature, exactly as docs/notifications.md tells it (a test keeps the two
 * identical): the code between the markers is the documented snippet.
 */
final class ReceiverSignatureCheck {
  private ReceiverSignatureCheck() {}

  // docs:begin verify
  /** True when the request was signed with {@code key} by Vigil less than five minutes from {@code nowSeconds}. */
  static boolean verify(byte[] rawBody, String timestamp, String signature, byte[] key, long nowSeconds)
      throws GeneralSecurityException {
    if (timestamp == null || signature == null || !timestamp.matches("\\d{1,12}")) return false;
    if (Math.abs(nowSeconds - Long.parseLong(timestamp)) > 300) return false; // stale or replayed
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(key, "HmacSHA256"));
    mac.update((timestamp + ".").getBytes(StandardCharsets.US_ASCII));
    String expected = "sha256=" + HexFormat.of().formatHex(mac.doFinal(rawBody));
    return MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
        signature.getBytes(StandardCharsets.US_ASCII)); // constant-time comparison
  }
  // docs:end verify
}
