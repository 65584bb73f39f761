package io.vigil.control;

import io.vertx.core.Vertx;
import io.vigil.testing.Await;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The file watcher, driven look by look (no timer): every way a configuration file gets replaced counts, and a
 * change counts once two looks agree on it.
 */
class ConfigWatcherTest {
  @TempDir Path dir;
  Vertx vertx;
  Path file;
  ConfigWatcher watcher;

  @BeforeEach
  void start() throws IOException {
    vertx = Vertx.vertx();
    file = dir.resolve("vigil.yaml");
    Files.writeString(file, "queues: {default: {concurrency: 1}}\n");
    watcher = new ConfigWatcher(vertx.fileSystem(), file, Files.readString(file));
  }

  @AfterEach
  void stop() {
    Await.result(vertx.close());
  }

  Optional<String> look() {
    return Await.result(watcher.look());
  }

  @Test
  void anUnchangedFileIsNoChangeHoweverOftenItIsLookedAt() {
    assertThat(look()).isEmpty();
    assertThat(look()).isEmpty();
  }

  @Test
  void anEditInPlaceCountsOnceTwoLooksAgree() throws IOException {
    Files.writeString(file, "queues: {default: {concurrency: 2}}\n");

    assertThat(look()).isEmpty();
    assertThat(look()).contains("queues: {default: {concurrency: 2}}\n");
    assertThat(look()).isEmpty();
  }

  @Test
  void aFileCaughtHalfWrittenIsNotActedOn() throws IOException {
    Files.writeString(file, "queues: {default: {concu");
    assertThat(look()).isEmpty();
    Files.writeString(file, "queues: {default: {concurrency: 3}}\n");

    assertThat(look()).isEmpty();
    assertThat(look()).contains("queues: {default: {concurrency: 3}}\n");
  }

  @Test
  void aReplacementByRenameCountsLikeAnEdit() throws IOException {
    Path staged = dir.resolve(".vigil.yaml.tmp");
    Files.writeString(staged, "queues: {default: {concurrency: 4}}\n");
    Files.move(staged, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);

    assertThat(look()).isEmpty();
    assertThat(look()).contains("queues: {default: {concurrency: 4}}\n");
  }

  @Test
  void aKubernetesStyleSymlinkSwapCountsLikeAnEdit() throws IOException {
    // a ConfigMap volume: vigil.yaml -> ..data/vigil.yaml, ..data -> ..v1; an update writes ..v2 and swaps ..data
    Path configMap = dir.resolve("configmap");
    Files.createDirectories(configMap.resolve("..v1"));
    Files.writeString(configMap.resolve("..v1/vigil.yaml"), "queues: {default: {concurrency: 1}}\n");
    Files.createSymbolicLink(configMap.resolve("..data"), Path.of("..v1"));
    Path linked = configMap.resolve("vigil.yaml");
    Files.createSymbolicLink(linked, Path.of("..data/vigil.yaml"));
    ConfigWatcher mounted = new ConfigWatcher(vertx.fileSystem(), linked, Files.readString(linked));

    Files.createDirectories(configMap.resolve("..v2"));
    Files.writeString(configMap.resolve("..v2/vigil.yaml"), "queues: {default: {concurrency: 5}}\n");
    Files.createSymbolicLink(configMap.resolve("..data_tmp"), Path.of("..v2"));
    Files.move(configMap.resolve("..data_tmp"), configMap.resolve("..data"), StandardCopyOption.ATOMIC_MOVE,
        StandardCopyOption.REPLACE_EXISTING);

    assertThat(Await.result(mounted.look())).isEmpty();
    assertThat(Await.result(mounted.look())).contains("queues: {default: {concurrency: 5}}\n");
  }

  @Test
  void aMissingFileIsNoChangeAndTheFileIsPickedUpWhenItReturns() throws IOException {
    Files.delete(file);
    assertThat(look()).isEmpty();
    assertThat(look()).isEmpty();

    Files.writeString(file, "queues: {default: {concurrency: 6}}\n");
    assertThat(look()).isEmpty();
    assertThat(look()).contains("queues: {default: {concurrency: 6}}\n");
  }

  @Test
  void contentAReloadOnDemandActedOnIsNoChangeToTheWatcher() throws IOException {
    Files.writeString(file, "queues: {default: {concurrency: 7}}\n");
    watcher.actedOn(Await.result(watcher.read()));

    assertThat(look()).isEmpty();
    assertThat(look()).isEmpty();
  }

  @Test
  void aFileLargerThanTheLimitIsRefusedNotRead() throws IOException {
    Files.writeString(file, "#".repeat(ConfigWatcher.MAX_BYTES + 1));

    assertThat(Await.failure(watcher.read()).getMessage()).contains("larger than");
    assertThat(look()).isEmpty();
    assertThat(look()).isEmpty();
  }
}
