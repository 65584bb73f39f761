package io.vigil.http;

import io.vertx.core.Vertx;
import io.vertx.core.shareddata.LocalMap;
import io.vertx.core.shareddata.Shareable;
import io.vigil.config.ApiToken;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Short-lived, single-use tickets that let a browser's {@code EventSource} (which cannot send an
 * {@code Authorization} header) open the live stream without putting a long-lived secret in a URL.
 *
 * <p>A ticket is {@code base64url(name, expiry, nonce) . base64url(HMAC-SHA256)}. The HMAC key is derived from every
 * configured token secret, so every node with the same {@code auth.tokens} accepts the tickets of every other node
 * (a load balancer need not send the ticket request and the stream to one node) and a change of tokens voids every
 * outstanding ticket. A ticket grants the viewer role on {@code GET /api/events/stream} only, whatever the role of
 * the token that asked for it. Single use is kept per node: the nonces redeemed here are remembered until their
 * ticket expires. Thread-safe: one instance serves every HTTP verticle of the node ({@link #of}).
 */
final class StreamTickets implements Shareable {
  private static final String LOCAL_MAP = "vigil.http.stream-tickets";
  /** What a redeemed ticket says: who asked for it. */
  record Redeemed(String name) {}

  /** An issued ticket and when it stops being accepted. */
  record Ticket(String value, Instant expiresAt) {}

  private static final int NONCE_BYTES = 16;
  private static final int MAC_BYTES = 32;
  private static final int MAX_NAME_BYTES = 200;
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder B64D = Base64.getUrlDecoder();
  private static final SecureRandom RANDOM = new SecureRandom();

  private final SecretKeySpec key;
  private final Clock clock;
  private final Duration ttl;
  /** Nonce (base64url) → expiry in ms of the redeemed tickets not yet expired. */
  private final Map<String, Long> redeemed = new ConcurrentHashMap<>();

  StreamTickets(byte[] key, Clock clock, Duration ttl) {
    this.key = new SecretKeySpec(key, "HmacSHA256");
    this.clock = clock;
    this.ttl = ttl;
  }

  /** This node's tickets, made by the first HTTP verticle that asks; every instance shares the redeemed nonces. */
  static StreamTickets of(Vertx vertx, List<ApiToken> tokens, Duration ttl) {
    LocalMap<String, StreamTickets> shared = vertx.sharedData().getLocalMap(LOCAL_MAP);
    StreamTickets made = forTokens(tokens, Clock.systemUTC(), ttl);
    StreamTickets raced = shared.putIfAbsent("tickets", made);
    return raced != null ? raced : made;
  }

  /**
   * Tickets keyed by the configured tokens (the same on every node that shares them), or by a random key when there
   * are none (then every caller is an anonymous admin and tickets are only a formality).
   */
  static StreamTickets forTokens(List<ApiToken> tokens, Clock clock, Duration ttl) {
    byte[] material;
    if (tokens.isEmpty()) {
      material = new byte[32];
      RANDOM.nextBytes(material);
    } else {
      StringBuilder all = new StringBuilder();
      tokens.stream().sorted(Comparator.comparing(ApiToken::secret)).forEach(t -> all.append(t.secret()).append('\0'));
      material = hmac(new SecretKeySpec(all.toString().getBytes(StandardCharsets.UTF_8), "HmacSHA256"),
          "vigil stream ticket key v1".getBytes(StandardCharsets.UTF_8));
    }
    return new StreamTickets(material, clock, ttl);
  }

  /** A ticket for the caller named {@code name}. */
  Ticket issue(String name) {
    byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
    if (nameBytes.length > MAX_NAME_BYTES) throw new IllegalArgumentException("token name too long for a ticket");
    Instant expires = clock.instant().plus(ttl).truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
    byte[] nonce = new byte[NONCE_BYTES];
    RANDOM.nextBytes(nonce);
    byte[] payload = ByteBuffer.allocate(8 + NONCE_BYTES + nameBytes.length)
        .putLong(expires.toEpochMilli()).put(nonce).put(nameBytes).array();
    return new Ticket(B64.encodeToString(payload) + "." + B64.encodeToString(hmac(key, payload)), expires);
  }

  /** The ticket's holder, once: a forged, expired, malformed or already redeemed ticket gives nothing. */
  Optional<Redeemed> redeem(String ticket) {
    if (ticket == null || ticket.length() > 1024) return Optional.empty();
    int dot = ticket.indexOf('.');
    if (dot <= 0) return Optional.empty();
    byte[] payload;
    byte[] mac;
    try {
      payload = B64D.decode(ticket.substring(0, dot));
      mac = B64D.decode(ticket.substring(dot + 1));
    } catch (IllegalArgumentException notBase64) {
      return Optional.empty();
    }
    if (payload.length < 8 + NONCE_BYTES || mac.length != MAC_BYTES || !MessageDigest.isEqual(mac, hmac(key, payload))) {
      return Optional.empty();
    }
    ByteBuffer buffer = ByteBuffer.wrap(payload);
    long expiresAt = buffer.getLong();
    long now = clock.millis();
    if (now >= expiresAt) return Optional.empty();
    byte[] nonce = new byte[NONCE_BYTES];
    buffer.get(nonce);
    forgetExpired(now);
    if (redeemed.putIfAbsent(B64.encodeToString(nonce), expiresAt) != null) return Optional.empty();
    byte[] name = new byte[buffer.remaining()];
    buffer.get(name);
    return Optional.of(new Redeemed(new String(name, StandardCharsets.UTF_8)));
  }

  /** Redeemed nonces still remembered (their tickets have not expired yet). */
  int remembered() {
    return redeemed.size();
  }

  private void forgetExpired(long now) {
    redeemed.values().removeIf(expiry -> expiry <= now);
  }

  private static byte[] hmac(SecretKeySpec key, byte[] data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      return mac.doFinal(data);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JRE", e);
    }
  }
}
