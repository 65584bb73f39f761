package io.vigil.observe;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** Vigil's version (from the build) and the runtime's, for {@code --version}, {@code GET /api/version} and /metrics. */
public final class BuildInfo {
  private static final String VERSION = read();

  private BuildInfo() {}

  public static String version() {
    return VERSION;
  }

  public static String java() {
    return System.getProperty("java.version");
  }

  /** The Vert.x version of the jar on the class path, when its manifest says. */
  public static String vertx() {
    Package core = io.vertx.core.Vertx.class.getPackage();
    String version = core == null ? null : core.getImplementationVersion();
    return version == null ? "5" : version;
  }

  private static String read() {
    try (InputStream in = BuildInfo.class.getResourceAsStream("build.properties")) {
      if (in == null) return "unknown";
      Properties properties = new Properties();
      properties.load(in);
      String version = properties.getProperty("version", "unknown");
      return version.startsWith("${") ? "unknown" : version;
    } catch (IOException e) {
      return "unknown";
    }
  }
}
