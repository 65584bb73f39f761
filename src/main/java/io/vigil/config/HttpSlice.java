package io.vigil.config;

/** What each HttpVerticle instance is configured with (restart-only: the server and its routes are built at start). */
public record HttpSlice(HttpConfig http, AuthConfig auth, StreamConfig stream, boolean metricsEnabled) {
  public static HttpSlice of(VigilConfig config) {
    return new HttpSlice(config.http(), config.auth(), config.stream(), config.metricsEnabled());
  }
}
