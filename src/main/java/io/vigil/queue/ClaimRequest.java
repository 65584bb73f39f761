package io.vigil.queue;

import java.time.Duration;

/**
 * What a runner asks one claim for: up to {@code max} tasks of {@code queue}, each leased for {@code lease}. It rides
 * on another call to the backend ({@link QueueBackend#enqueueAndClaim}, {@link QueueBackend#ackAndClaim}), so the
 * runner need not claim in a round trip of its own right after it.
 */
public record ClaimRequest(String queue, int max, Duration lease) {}
