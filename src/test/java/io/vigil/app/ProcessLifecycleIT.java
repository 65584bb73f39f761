package io.vigil.app;

import io.vigil.testing.RunningVigil;
import io.vigil.testing.VigilProcess;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.zip.ZipFile;

import static org.assertj.core.api.Assertions.assertThat;

/** The fat jar as an operator runs it: what it says when it cannot start, and when it is told to stop. */
@DisplayName("Starting and stopping the jar")
class ProcessLifecycleIT {

  static Path emptyConfig() throws IOException {
    Path config = Files.createTempFile("vigil-lifecycle", ".yaml");
    Files.writeString(config, "log: {format: text}\n");
    return config;
  }

  @Test
  void aPortInUseIsNamedWithItsHostWhenTheStartFails() throws IOException {
    try (ServerSocket taken = new ServerSocket()) {
      taken.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      int port = taken.getLocalPort();

      VigilProcess vigil = VigilProcess.launch(emptyConfig(), Map.of(), port);
      int exit = vigil.awaitExit(Duration.ofSeconds(60));

      assertThat(exit).as(vigil.log()).isEqualTo(1);
      assertThat(vigil.log()).contains("failed to start").contains("127.0.0.1:" + port).contains("in use");
    }
  }

  @Test
  void aGracefulStopSaysThatItIsStoppingAndWhenItHasStopped() throws IOException {
    VigilProcess vigil = VigilProcess.start(emptyConfig(), Map.of(), RunningVigil.freePort());

    vigil.terminate(Duration.ofSeconds(60));

    String log = vigil.log();
    assertThat(log).contains("stopping");
    assertThat(log.indexOf("stopped")).as(log).isGreaterThan(log.indexOf("stopping"));
  }

  /**
   * Shade replaces target/vigil.jar with the fat jar and keeps the thin one as original-vigil.jar. A later build
   * that found the thin jar "up to date" shaded the fat jar again: hundreds of overlap warnings and an
   * original-vigil.jar as big as the fat one. Run after `mvn package`, `mvn verify` must leave the thin jar thin.
   */
  @Test
  void theJarBesideTheFatOneHoldsOnlyVigilsOwnClasses() throws IOException {
    Path fat = Path.of(System.getProperty("vigil.jar", "target/vigil.jar"));
    Path thin = fat.resolveSibling("original-" + fat.getFileName());

    try (ZipFile jar = new ZipFile(thin.toFile())) {
      assertThat(jar.stream().filter(e -> e.getName().endsWith(".class"))
          .filter(e -> !e.getName().startsWith("io/vigil/")).map(e -> e.getName()).limit(5).toList())
          .as("classes not Vigil's in " + thin).isEmpty();
    }
    assertThat(Files.size(thin)).isLessThan(Files.size(fat) / 10);
  }
}
