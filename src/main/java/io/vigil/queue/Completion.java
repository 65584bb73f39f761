package io.vigil.queue;

/** @param result JSON text or null */
public record Completion(Lease lease, String result) {}
