package io.vigil.queue;

import io.vertx.core.json.JsonObject;

import java.time.Instant;

/**
 * A validated submission.
 *
 * @param payload     JSON object text
 * @param payloadJson the same payload as parsed from the request, reused for the answer instead of parsing the text
 *                    again
 * @param runAt       null = now
 * @param fingerprint identifies what was submitted, for idempotency; null without an idempotency key
 * @param group       fairness key, or null for an ungrouped task
 */
public record TaskRequest(String type, String queue, String payload, JsonObject payloadJson, int priority,
                          Instant runAt, int maxAttempts, String idempotencyKey, String fingerprint,
                          String group) {
  public TaskRequest(String type, String queue, String payload, JsonObject payloadJson, int priority, Instant runAt,
                     int maxAttempts, String idempotencyKey, String fingerprint) {
    this(type, queue, payload, payloadJson, priority, runAt, maxAttempts, idempotencyKey, fingerprint, null);
  }
}
