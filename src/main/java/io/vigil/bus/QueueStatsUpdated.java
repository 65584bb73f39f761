package io.vigil.bus;

import io.vigil.domain.QueueStats;

import java.time.Instant;
import java.util.List;

/** Every queue's statistics at one moment. */
public record QueueStatsUpdated(Instant at, List<QueueStats> queues) {}
