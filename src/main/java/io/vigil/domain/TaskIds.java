package io.vigil.domain;

import java.time.Clock;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.random.RandomGenerator;

/**
 * Time-ordered ids (UUID version 7, RFC 9562): 48 bits of Unix milliseconds, then a 12-bit counter that keeps
 * ids from one generator strictly increasing within a millisecond, then 62 random bits. Sorting ids sorts by
 * creation time, which keeps indexes and listings in submit order. Ids need to be unique, not secret, so the random
 * bits come from a fast generator rather than SecureRandom (which showed up in profiles of the submit path).
 */
public final class TaskIds {
  private final Clock clock;
  private final RandomGenerator random;
  private long lastMillis = -1;
  private int counter;

  public TaskIds(Clock clock) {
    this(clock, new SplittableRandom());
  }

  public TaskIds(Clock clock, RandomGenerator random) {
    this.clock = clock;
    this.random = random;
  }

  public synchronized String next() {
    long millis = clock.millis();
    if (millis > lastMillis) {
      lastMillis = millis;
      counter = random.nextInt(1 << 10); // leave room above the start so the counter rarely overflows
    } else if (++counter > 0xFFF) {
      lastMillis++; // counter exhausted: borrow the next millisecond, order still holds
      counter = 0;
    }
    long high = (lastMillis << 16) | (0x7L << 12) | counter;
    long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
    return new UUID(high, low).toString();
  }
}
