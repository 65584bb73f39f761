package io.vigil.domain.alarm;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

/**
 * The stable identity of an alarm's series: SHA-256 over {@code "vigil-alarm-v1"}, the rule name, then each
 * series label name and value in name order — every part written as a 4-byte big-endian length followed by its
 * UTF-8 bytes (so {@code a=bc} and {@code ab=c} differ) — and the first 8 bytes of the digest as 16 lowercase hex
 * digits. The rule's own static labels are not part of it (they are the same for every series of a rule), so
 * editing them keeps open alarms. At most one open alarm exists per fingerprint; the store enforces it too.
 * 64 bits keep collisions out of reach for any realistic number of open alarms.
 */
public final class Fingerprints {
  private static final byte[] DOMAIN = "vigil-alarm-v1".getBytes(StandardCharsets.UTF_8);

  private Fingerprints() {}

  public static String of(String rule, Labels series) {
    MessageDigest sha = sha256();
    part(sha, DOMAIN);
    part(sha, rule.getBytes(StandardCharsets.UTF_8));
    for (Map.Entry<String, String> label : series.asMap().entrySet()) {
      part(sha, label.getKey().getBytes(StandardCharsets.UTF_8));
      part(sha, label.getValue().getBytes(StandardCharsets.UTF_8));
    }
    return HexFormat.of().formatHex(sha.digest(), 0, 8);
  }

  private static void part(MessageDigest sha, byte[] bytes) {
    sha.update(ByteBuffer.allocate(4).putInt(bytes.length).array());
    sha.update(bytes);
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
