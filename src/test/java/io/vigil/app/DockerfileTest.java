package io.vigil.app;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * No Docker engine runs in the test environment, so this reads docker/Dockerfile against pom.xml: the image's jar
 * must be built from every directory the pom packages (webroot/ carries the dashboard; without it "/" answers 404).
 */
class DockerfileTest {
  static final Pattern RESOURCE_DIR = Pattern.compile("<directory>([^<]+)</directory>");

  @Test
  void theBuildStageCopiesEveryDirectoryThePomPackagesIntoTheJarBeforeBuildingIt() throws Exception {
    String pom = Files.readString(Path.of("pom.xml"));
    String dockerfile = Files.readString(Path.of("docker/Dockerfile"));
    String buildStage = dockerfile.substring(0, dockerfile.indexOf("RUN mvn -B -q package"));
    List<String> topDirectories = RESOURCE_DIR.matcher(pom).results()
        .map(m -> m.group(1).split("/")[0]).distinct().toList();
    assertThat(topDirectories).contains("webroot", "conf", "src");
    for (String dir : topDirectories) {
      assertThat(buildStage).as("the build stage copies %s/ before mvn package", dir)
          .containsPattern("(?m)^COPY " + Pattern.quote(dir) + " " + Pattern.quote(dir) + "$");
    }
  }
}
