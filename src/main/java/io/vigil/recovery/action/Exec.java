package io.vigil.recovery.action;

import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a fixed command from the configuration (argv, no shell, nothing from a request) on a worker thread; exit 0 is
 * success. Only built when {@code recovery.allow_exec} is true. Output is kept to its last 500 characters.
 */
final class Exec implements RecoveryAction {
  private static final int OUTPUT_MAX = 500;

  private final Vertx vertx;
  private final List<String> command;
  private final Duration timeout;

  Exec(Vertx vertx, List<String> command, Duration timeout) {
    this.vertx = vertx;
    this.command = List.copyOf(command);
    this.timeout = timeout;
  }

  @Override
  public Future<ActionResult> run(ActionContext context) {
    return vertx.executeBlocking(this::runBlocking, false);
  }

  private ActionResult runBlocking() throws IOException, InterruptedException {
    // output to a file, so a chatty command never blocks on a full pipe while we wait for it
    Path out = Files.createTempFile("vigil-exec-", ".log");
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile())
          .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        return ActionResult.failed(command.get(0) + " did not end within " + timeout.toMillis() + " ms");
      }
      return result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8).strip());
    } finally {
      Files.deleteIfExists(out);
    }
  }

  private ActionResult result(int code, String output) {
    if (output.length() > OUTPUT_MAX) output = "..." + output.substring(output.length() - OUTPUT_MAX);
    return code == 0 ? ActionResult.ok(command.get(0) + " exited 0" + (output.isEmpty() ? "" : ": " + output))
        : ActionResult.failed(command.get(0) + " exited " + code + (output.isEmpty() ? "" : ": " + output));
  }
}
