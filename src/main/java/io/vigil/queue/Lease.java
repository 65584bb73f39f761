package io.vigil.queue;

/** Proof that a worker holds a task: only the current token may settle it. */
public record Lease(String taskId, String queue, String token) {}
