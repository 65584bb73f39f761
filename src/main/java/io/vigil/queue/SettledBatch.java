package io.vigil.queue;

import io.vigil.domain.Task;

import java.util.List;

/**
 * What one settlement round trip did.
 *
 * @param finished     tasks that reached a final state (completed or dead), as they are now
 * @param deadLettered the dead ones among them
 * @param refused      ids whose lease had been lost, so nothing was applied
 */
record SettledBatch(List<Task> finished, List<Task> deadLettered, List<String> refused) {}
