package io.vigil.domain;

/** Whether trying again can help. */
public enum FailureKind {
  /** The task can never succeed as submitted (a 4xx from the target, bad payload): straight to the dead-letter queue. */
  PERMANENT,
  /** The failure may pass (5xx, timeout, connection refused): retry with backoff. */
  RETRYABLE
}
