package io.vigil.queue.redis;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Set;

/**
 * One Lua script as Redis will run it: the shared helpers of {@code common.lua}, the claim of {@code claiming.lua}
 * for the scripts that claim (claim itself, and enqueue and ack, which claim in the same call), then the script's
 * own text, with the SHA-1 Redis gives it, so it can be called by {@code EVALSHA} without asking Redis first.
 */
record RedisScript(String name, String source, String sha) {

  private static final String FOLDER = "/io/vigil/queue/redis/";
  private static final Set<String> CLAIMING = Set.of(RedisScripts.CLAIM, RedisScripts.ENQUEUE, RedisScripts.ACK);

  static RedisScript load(String name) {
    String claiming = CLAIMING.contains(name) ? "\n-- claiming.lua\n" + read("claiming.lua") : "";
    String source = read("common.lua") + claiming + "\n-- " + name + ".lua\n" + read(name + ".lua");
    return new RedisScript(name, source, sha1(source));
  }

  private static String read(String file) {
    try (InputStream in = RedisScript.class.getResourceAsStream(FOLDER + file)) {
      if (in == null) throw new IllegalStateException("missing script resource " + FOLDER + file);
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String sha1(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-1 is required by the JDK", e);
    }
  }
}
