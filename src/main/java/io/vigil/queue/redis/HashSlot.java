package io.vigil.queue.redis;

import java.nio.charset.StandardCharsets;

/** The Redis Cluster slot of a key: CRC16 (XMODEM) of its hash tag (or of the whole key without one), mod 16384. */
final class HashSlot {
  static final int SLOTS = 16384;

  private HashSlot() {}

  static int of(String key) {
    int open = key.indexOf('{');
    int close = open < 0 ? -1 : key.indexOf('}', open + 1);
    String hashed = close > open + 1 ? key.substring(open + 1, close) : key;
    int crc = 0;
    for (byte b : hashed.getBytes(StandardCharsets.UTF_8)) {
      crc ^= (b & 0xFF) << 8;
      for (int i = 0; i < 8; i++) crc = (crc & 0x8000) != 0 ? (crc << 1) ^ 0x1021 : crc << 1;
      crc &= 0xFFFF;
    }
    return crc % SLOTS;
  }
}
