package io.vigil.cluster;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("ClusterVerticle's count of Vigil nodes")
class ClusterVerticleTest {
  @Test
  void aNodeAloneCountsItselfWhetherOrNotItHeardItsOwnReport() {
    assertThat(ClusterVerticle.vigilNodes(Set.of(), List.of("a"), "a")).isEqualTo(1);
    assertThat(ClusterVerticle.vigilNodes(Set.of("a"), List.of("a"), "a")).isEqualTo(1);
  }

  @Test
  void countsTheLiveMembersThatReportTheirLoadButNotAWorkerNorANodeThatLeft() {
    Set<String> reported = Set.of("a", "b", "c", "gone");
    List<String> live = List.of("a", "b", "c", "worker");

    assertThat(ClusterVerticle.vigilNodes(reported, live, "a")).isEqualTo(3);
  }
}
