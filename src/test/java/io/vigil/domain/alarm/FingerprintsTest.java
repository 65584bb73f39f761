package io.vigil.domain.alarm;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class FingerprintsTest {

  @Test
  void theFingerprintFollowsTheDocumentedRecipeSoStoredAlarmsStayFindable() {
    // sha256(len "vigil-alarm-v1" | len "queue-backup" | len "queue" | len "orders"), first 8 bytes in hex;
    // computed independently with Python's hashlib
    assertThat(Fingerprints.of("queue-backup", Labels.of("queue", "orders"))).isEqualTo("08354cb1d0673666");
  }

  @Test
  void labelOrderDoesNotMatter() {
    Map<String, String> one = new LinkedHashMap<>();
    one.put("queue", "orders");
    one.put("node", "a");
    Map<String, String> other = new LinkedHashMap<>();
    other.put("node", "a");
    other.put("queue", "orders");

    assertThat(Fingerprints.of("r", Labels.of(one))).isEqualTo(Fingerprints.of("r", Labels.of(other)));
  }

  @Test
  void theRuleAndEveryLabelCount() {
    String base = Fingerprints.of("r", Labels.of("queue", "orders"));

    assertThat(Fingerprints.of("s", Labels.of("queue", "orders"))).isNotEqualTo(base);
    assertThat(Fingerprints.of("r", Labels.of("queue", "billing"))).isNotEqualTo(base);
    assertThat(Fingerprints.of("r", Labels.of("queue", "orders", "node", "a"))).isNotEqualTo(base);
  }

  @Test
  void partsCannotRunIntoEachOther() {
    assertThat(Fingerprints.of("r", Labels.of("a", "bc"))).isNotEqualTo(Fingerprints.of("r", Labels.of("ab", "c")));
    assertThat(Fingerprints.of("ra", Labels.of("b", "c"))).isNotEqualTo(Fingerprints.of("r", Labels.of("ab", "c")));
  }

  @Test
  void aFingerprintIsSixteenHexDigits() {
    assertThat(Fingerprints.of("r", Labels.EMPTY)).matches("[0-9a-f]{16}");
  }
}
