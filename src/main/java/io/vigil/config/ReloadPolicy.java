package io.vigil.config;

import java.util.List;

/**
 * Which settings a running node takes on reload and which wait for its next restart: one table. Live sections are
 * owned by verticles that re-read their slice on {@code vigil.config.applied}; everything else is built once at
 * start (servers, pools, backends, the cluster) and is reported as "restart required" when the file changes it.
 */
public final class ReloadPolicy {
  /** Sections applied without a restart. */
  public static final List<String> LIVE_SECTIONS = List.of(
      "queue_defaults", "queues", "task_type_defaults", "task_types", "probe_defaults", "components", "alarms",
      "notifications", "schedules", "recovery", "breakers");

  private ReloadPolicy() {}

  /**
   * Whether a change at {@code path} applies live. {@code removed}: the key is gone from the new file. A queue that
   * is removed keeps running until the restart, because it may hold tasks; every other live entry may come and go.
   */
  public static boolean isLive(String path, boolean removed) {
    String section = sectionOf(path);
    if (!LIVE_SECTIONS.contains(section) || path.equals("breakers.shared")) return false; // sharing is set up at start
    return !(removed && section.equals("queues"));
  }

  /** {@code queues.default.concurrency} -> {@code queues}. */
  public static String sectionOf(String path) {
    int dot = path.indexOf('.');
    return dot < 0 ? path : path.substring(0, dot);
  }
}
