package io.vigil.queue.handler;

import io.vigil.domain.Task;

import java.time.Duration;

/**
 * What a handler gets for one attempt.
 *
 * @param attempt 1 for the first attempt; a handler that is not idempotent can use it to detect a re-run
 * @param timeout the attempt is abandoned (and retried) after this
 */
public record TaskContext(Task task, int attempt, Duration timeout, String requestId) {}
