package io.vigil.observe;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs Prometheus's {@code promtool} (Debian package {@code prometheus}; {@code .ci/run} installs it). A missing
 * promtool fails the test that needs it, loudly: a check that cannot run has not passed.
 */
final class Promtool {
  record Result(int exit, String output) {}

  private Promtool() {}

  static Result run(String stdin, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(binary());
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    if (stdin != null) process.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
    process.getOutputStream().close();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("promtool did not finish in 60 s");
    }
    return new Result(process.exitValue(), output.trim());
  }

  private static String binary() {
    for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
      if (Path.of(dir, "promtool").toFile().canExecute()) return Path.of(dir, "promtool").toString();
    }
    throw new AssertionError("promtool is not installed (Debian package 'prometheus'; .ci/run installs it)");
  }
}
