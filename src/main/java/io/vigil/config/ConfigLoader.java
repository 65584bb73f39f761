package io.vigil.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds {@link VigilConfig} from three layers, later wins: the defaults bundled in the jar
 * ({@code conf/vigil.yaml}), the user's file, then {@code VIGIL_*} environment variables. The environment is
 * passed in, never read here, so tests hand it their own map. A key nobody reads and a {@code VIGIL_*} variable
 * that matches no key are problems like a bad value, each named with the closest valid one.
 */
public final class ConfigLoader {
  public static final String BUNDLED = "conf/vigil.yaml";
  /** Looked for in the working directory when no --config is given. */
  public static final Path LOCAL_FILE = Path.of("conf", "vigil.yaml");
  /** {@code VIGIL_*} variables that belong to Vigil's scripts, not to its configuration; never reported. */
  static final Set<String> RESERVED_VARIABLES = Set.of("VIGIL_JAR");
  static final List<String> RESERVED_PREFIXES = List.of("VIGIL_TEST_", "VIGIL_BENCH_");

  private ConfigLoader() {}

  /** The file named by --config (which must exist), else ./conf/vigil.yaml when present, else the defaults. */
  public static VigilConfig load(Path explicitFile, Map<String, String> env, Set<String> handlerNames) {
    return ConfigSource.of(explicitFile, env, handlerNames).load().config();
  }

  /** The bundled defaults, then {@code userYaml} (may be null), then {@code env}. */
  public static VigilConfig fromYaml(String userYaml, String origin, Map<String, String> env, Set<String> handlerNames) {
    return ConfigSource.ofText(userYaml, origin, env, handlerNames).load().config();
  }

  /** Reads and validates the layers; throws {@link ConfigException} with every problem. */
  static LoadedConfig read(ConfigSource source, String userYaml, Map<String, String> env, Set<String> handlerNames) {
    String origin = source.origin();
    Map<String, Object> tree = ConfigTree.parse(bundledDefaults(), BUNDLED);
    List<ConfigProblem> shape = new ArrayList<>();
    ConfigTree.merge(tree, ConfigTree.parse(userYaml, origin), "", shape);
    ConfigReader reader = new ConfigReader(tree, env);
    VigilConfig config = VigilConfig.read(reader, handlerNames);
    reader.reportUnread(tree, RESERVED_VARIABLES, RESERVED_PREFIXES);
    List<ConfigProblem> problems = new ArrayList<>(shape);
    problems.addAll(reader.problems());
    if (!problems.isEmpty()) throw new ConfigException(problems);
    return new LoadedConfig(source, userYaml, config, reader.settings());
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
