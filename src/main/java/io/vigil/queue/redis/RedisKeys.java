package io.vigil.queue.redis;

/**
 * Key names. Every key of a queue starts with its base {@code <prefix>:{q:<queue>}}: the braces are a Redis
 * Cluster hash tag, so all of a queue's keys live in one slot and each script touches one slot. The scripts
 * derive the individual keys from the base (see {@code common.lua} for the full layout).
 */
record RedisKeys(String prefix) {

  /** The base of a queue's keys; queue names are [A-Za-z0-9._-], so they cannot break the hash tag. */
  String queue(String queue) {
    return prefix + ":{q:" + queue + "}";
  }

  String meta(String queue) {
    return queue(queue) + ":meta";
  }

  String lease(String queue) {
    return queue(queue) + ":lease";
  }

  String state(String queue) {
    return queue(queue) + ":state";
  }

  /** A pattern matching every key under the prefix (for tests and tooling, never the hot path). */
  String everything() {
    return prefix + ":*";
  }
}
