package io.vigil.queue.redis;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class HashSlotTest {

  @Test
  void theSlotIsCrc16XmodemOfTheKeyModulo16384AsTheRedisClusterSpecificationGivesIt() {
    assertThat(HashSlot.of("123456789")).isEqualTo(0x31C3 % HashSlot.SLOTS); // the spec's CRC16 check value
    assertThat(HashSlot.of("foo")).isEqualTo(12182);
  }

  @Test
  void onlyTheHashTagCountsSoEveryKeyOfAQueueSharesItsSlot() {
    int slot = HashSlot.of("vigil:{q:jobs}");

    assertThat(HashSlot.of("vigil:{q:jobs}:wait")).isEqualTo(slot);
    assertThat(HashSlot.of("other-prefix:{q:jobs}:idem:k")).isEqualTo(slot);
    assertThat(HashSlot.of("vigil:{q:small}")).isNotEqualTo(slot);
  }

  @Test
  void theTagIsBetweenTheFirstOpeningBraceAndTheFirstClosingOneAfterItAndAnEmptyTagDoesNotCount() {
    assertThat(HashSlot.of("foo{bar}{zap}")).isEqualTo(HashSlot.of("bar"));
    assertThat(HashSlot.of("foo{{bar}}zap")).isEqualTo(HashSlot.of("{bar"));
    assertThat(HashSlot.of("foo{}{bar}")).isNotEqualTo(HashSlot.of("bar"));
  }
}
