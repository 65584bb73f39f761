package io.vigil.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Where a node's configuration comes from: the bundled defaults, one user layer (a file that is watched and re-read
 * on reload, or a fixed text in tests and benchmarks), and the environment the process started with.
 * {@link #toString()} never shows the environment's values.
 */
public final class ConfigSource {
  private final Path file;
  private final String fixedText;
  private final String origin;
  private final Map<String, String> env;
  private final Set<String> handlerNames;

  private ConfigSource(Path file, String fixedText, String origin, Map<String, String> env, Set<String> handlerNames) {
    this.file = file;
    this.fixedText = fixedText;
    this.origin = origin;
    this.env = Map.copyOf(env);
    this.handlerNames = Set.copyOf(handlerNames);
  }

  /** The file named by --config, else ./conf/vigil.yaml when present, else the defaults alone. */
  public static ConfigSource of(Path explicitFile, Map<String, String> env, Set<String> handlerNames) {
    Path file = explicitFile;
    if (file == null && Files.isRegularFile(ConfigLoader.LOCAL_FILE)) file = ConfigLoader.LOCAL_FILE;
    return new ConfigSource(file, null, file == null ? "defaults" : file.toString(), env, handlerNames);
  }

  /** A fixed user layer: there is no file to watch or re-read. */
  public static ConfigSource ofText(String yaml, String origin, Map<String, String> env, Set<String> handlerNames) {
    return new ConfigSource(null, yaml, origin, env, handlerNames);
  }

  /** The file to watch and re-read, when there is one. */
  public Optional<Path> file() {
    return Optional.ofNullable(file);
  }

  public String origin() {
    return origin;
  }

  /** Reads the file (blocking: at start, on the main thread) and validates every layer. */
  public LoadedConfig load() {
    if (file == null) return parse(fixedText);
    try {
      return parse(Files.readString(file, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new ConfigException(file.toString(), "cannot be read (" + e.getMessage() + ")");
    }
  }

  /** Validates {@code userYaml} as this source's user layer over the defaults, under this environment. */
  public LoadedConfig parse(String userYaml) {
    return ConfigLoader.read(this, userYaml, env, handlerNames);
  }

  @Override
  public String toString() {
    return "ConfigSource[" + origin + ", " + env.size() + " environment variable(s)]";
  }
}
