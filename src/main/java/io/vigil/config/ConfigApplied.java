package io.vigil.config;

/**
 * The node-local hand-over after a reload: this node now runs {@code config}. A verticle that owns a live section
 * asks {@code changes.touches("queues", ...)} and, if so, re-reads its slice ({@code QueueSlice.of(config)}).
 * Travels on {@code vigil.config.applied} with a local codec; it never leaves the node.
 */
public record ConfigApplied(VigilConfig config, ConfigChanges changes) {}
