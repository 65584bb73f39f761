package io.vigil.domain;

import java.time.Instant;

/**
 * One queue at a moment.
 *
 * @param completed             finished successfully and still retained
 * @param throughputPerMinute   completions in the last 60 seconds
 * @param errorRate             failed attempts / all finished attempts in the last 60 seconds, 0..1
 * @param oldestWaitingAgeMs    age of the oldest task ready to run, 0 when none waits
 * @param lastCompletedAt       null until a task completes
 */
public record QueueStats(
    String queue,
    boolean paused,
    long waiting,
    long delayed,
    long active,
    long completed,
    long retrying,
    long dead,
    long throughputPerMinute,
    double errorRate,
    long oldestWaitingAgeMs,
    Instant lastCompletedAt) {}
