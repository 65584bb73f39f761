package io.vigil.http;

import io.vertx.core.Handler;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.FileSystemAccess;
import io.vertx.ext.web.handler.StaticHandler;
import io.vigil.config.HttpConfig;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

/**
 * The dashboard: {@code webroot/} packaged in the jar (or {@code http.webroot_dir} for development, read on every
 * request), the editors' page at {@code /status}, and the browser libraries from their webjars under
 * {@code /webjars/<name>/<file>} — version-less, so the pages need no build step when a webjar is upgraded.
 */
final class WebRoutes {
  /** Where the build puts {@code webroot/} in the jar; a path no working directory is likely to have. */
  static final String CLASSPATH_WEBROOT = "io/vigil/webroot";
  private static final String WEBJARS = "META-INF/resources/webjars";
  /** Webjar name → its version, written by the build from the pom ({@code META-INF/maven} is not in the fat jar). */
  private static final String VERSIONS = "io/vigil/http/webjars.properties";
  private static final Map<String, String> WEBJAR_VERSIONS = webjarVersions();

  /**
   * Pages: scripts only from this origin, no framing, no referrer (a stream ticket in a URL never leaks through
   * one). Styles may be inline: the chart library sets element styles.
   */
  static final String PAGE_SECURITY = "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
      + "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'; object-src 'none'";

  private final HttpConfig config;

  WebRoutes(HttpConfig config) {
    this.config = config;
  }

  void mount(Router router) {
    router.get("/webjars/:name/*").handler(this::versioned);
    router.get("/webjars/*").handler(StaticHandler.create(WEBJARS).setMaxAgeSeconds(3600));
    router.get("/status").handler(ctx -> ctx.reroute("/status.html"));
    router.get("/*").handler(WebRoutes::pageHeaders).handler(webroot());
  }

  private Handler<RoutingContext> webroot() {
    if (config.webrootOverridden()) {
      String dir = Path.of(config.webrootDir()).toAbsolutePath().normalize().toString();
      return StaticHandler.create(FileSystemAccess.ROOT, dir).setCachingEnabled(false).setFilesReadOnly(false);
    }
    return StaticHandler.create(CLASSPATH_WEBROOT).setCachingEnabled(false);
  }

  static void pageHeaders(RoutingContext ctx) {
    ctx.response().putHeader("Content-Security-Policy", PAGE_SECURITY)
        .putHeader("X-Content-Type-Options", "nosniff")
        .putHeader("Referrer-Policy", "no-referrer");
    ctx.next();
  }

  /** {@code /webjars/uplot/dist/x.js} → {@code /webjars/uplot/1.6.30/dist/x.js}; a versioned path passes. */
  private void versioned(RoutingContext ctx) {
    String name = ctx.pathParam("name");
    String version = WEBJAR_VERSIONS.get(name);
    String rest = ctx.pathParam("*");
    if (version == null || rest == null || rest.startsWith(version + "/")) {
      ctx.next();
      return;
    }
    ctx.reroute("/webjars/" + name + "/" + version + "/" + rest);
  }

  private static Map<String, String> webjarVersions() {
    try (InputStream in = WebRoutes.class.getClassLoader().getResourceAsStream(VERSIONS)) {
      if (in == null) throw new IllegalStateException(VERSIONS + " is missing from the classpath");
      Properties properties = new Properties();
      properties.load(in);
      Map<String, String> versions = new java.util.HashMap<>();
      properties.stringPropertyNames().forEach(name -> versions.put(name, properties.getProperty(name)));
      return Map.copyOf(versions);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + VERSIONS, e);
    }
  }
}
