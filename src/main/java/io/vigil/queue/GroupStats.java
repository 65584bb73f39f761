package io.vigil.queue;

/** One group of a fair queue: how many of its tasks wait (queued, due now). */
public record GroupStats(String group, long waiting) {}
