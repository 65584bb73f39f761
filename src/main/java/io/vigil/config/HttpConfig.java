package io.vigil.config;

import java.time.Duration;

/**
 * @param publicStatus whether {@code GET /api/status} answers callers without a token (the editors' page); they get
 *                     the verdict and its sentence, not the ids of the components down nor the suggested actions
 */
public record HttpConfig(String host, int port, int instances, int bodyLimitBytes, int batchMaxTasks,
                         Duration requestTimeout, int listMax, String webrootDir, boolean publicStatus) {

  /** Whether the dashboard is served from a directory (development) instead of from the jar. */
  public boolean webrootOverridden() {
    return !webrootDir.isBlank();
  }

  public boolean isLoopback() {
    return host.equals("127.0.0.1") || host.equals("localhost") || host.equals("::1") || host.startsWith("127.");
  }

  static HttpConfig read(ConfigReader r) {
    return new HttpConfig(
        r.string("http.host"),
        r.integer("http.port", 0, 65535),
        r.integer("http.instances", 0, 256),
        r.integer("http.body_limit_bytes", 1024, 64 * 1024 * 1024),
        r.integer("http.batch_max_tasks", 1, 100_000),
        r.millis("http.request_timeout_ms", 100, 600_000),
        r.integer("http.list_max", 1, 100_000),
        r.string("http.webroot_dir"),
        r.bool("http.public_status"));
  }
}
