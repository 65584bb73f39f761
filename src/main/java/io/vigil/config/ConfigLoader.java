package io.vigil.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds {@link VigilConfig} from three layers, later wins: the defaults bundled in the jar
 * ({@code conf/vigil.yaml}), the user's file, then {@code VIGIL_*} environment variables. The environment is
 * passed in, never read here, so tests hand it their own map.
 */
public final class ConfigLoader {
  public static final String BUNDLED = "conf/vigil.yaml";
  /** Looked for in the working directory when no --config is given. */
  public static final Path LOCAL_FILE = Path.of("conf", "vigil.yaml");

  private ConfigLoader() {}

  /** The file named by --config (which must exist), else ./conf/vigil.yaml when present, else the defaults. */
  public static VigilConfig load(Path explicitFile, Map<String, String> env, Set<String> handlerNames) {
    Path file = explicitFile;
    if (file == null && Files.isRegularFile(LOCAL_FILE)) file = LOCAL_FILE;
    String yaml = null;
    if (file != null) {
      try {
        yaml = Files.readString(file, StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new ConfigException("--config " + file + ": cannot be read (" + e.getMessage() + ")");
      }
    }
    return fromYaml(yaml, file == null ? "defaults" : file.toString(), env, handlerNames);
  }

  /** The bundled defaults, then {@code userYaml} (may be null), then {@code env}. */
  public static VigilConfig fromYaml(String userYaml, String origin, Map<String, String> env, Set<String> handlerNames) {
    Map<String, Object> tree = ConfigTree.parse(bundledDefaults(), BUNDLED);
    List<String> unknown = new ArrayList<>();
    ConfigTree.merge(tree, ConfigTree.parse(userYaml, origin), "", unknown);
    ConfigTree.expandEntries(tree, unknown);
    for (String path : ConfigTree.leaves(tree, "")) {
      String value = env.get(ConfigTree.envName(path));
      if (value != null) ConfigTree.set(tree, path, ConfigTree.scalar(value));
    }
    ConfigReader reader = new ConfigReader(tree);
    unknown.forEach(path -> reader.problem(path, "unknown key"));
    VigilConfig config = VigilConfig.read(reader, handlerNames);
    if (!reader.problems().isEmpty()) throw new ConfigException(reader.problems());
    return config;
  }

  static String bundledDefaults() {
    try (InputStream in = ConfigLoader.class.getClassLoader().getResourceAsStream(BUNDLED)) {
      if (in == null) throw new IllegalStateException(BUNDLED + " is missing from the classpath");
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read bundled " + BUNDLED, e);
    }
  }
}
