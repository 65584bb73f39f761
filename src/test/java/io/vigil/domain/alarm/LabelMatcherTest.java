package io.vigil.domain.alarm;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LabelMatcherTest {
  private final Labels orders = Labels.of("queue", "orders", "node", "a");

  @Test
  void equalsAndNotEqualsCompareTheWholeValue() {
    assertThat(LabelMatcher.eq("queue", "orders").matches(orders)).isTrue();
    assertThat(LabelMatcher.eq("queue", "order").matches(orders)).isFalse();
    assertThat(LabelMatcher.ne("queue", "billing").matches(orders)).isTrue();
  }

  @Test
  void aMissingLabelHasTheEmptyValue() {
    assertThat(LabelMatcher.ne("team", "ops").matches(orders)).isTrue();
    assertThat(LabelMatcher.eq("team", "").matches(orders)).isTrue();
    assertThat(LabelMatcher.re("team", ".+").matches(orders)).isFalse();
  }

  @Test
  void regularExpressionsMustMatchTheWholeValue() {
    assertThat(LabelMatcher.re("queue", "ord").matches(orders)).isFalse();
    assertThat(LabelMatcher.re("queue", "ord.*|billing").matches(orders)).isTrue();
    assertThat(LabelMatcher.nre("queue", "test-.*").matches(orders)).isTrue();
    assertThat(LabelMatcher.nre("queue", "orders").matches(orders)).isFalse();
  }

  @Test
  void theFourFormsParseWithOrWithoutQuotes() {
    assertThat(LabelMatcher.parse("queue=orders")).isEqualTo(LabelMatcher.eq("queue", "orders"));
    assertThat(LabelMatcher.parse(" queue != \"orders\" ")).isEqualTo(LabelMatcher.ne("queue", "orders"));
    assertThat(LabelMatcher.parse("queue=~\"a|b\"")).isEqualTo(LabelMatcher.re("queue", "a|b"));
    assertThat(LabelMatcher.parse("queue!~test-.*")).isEqualTo(LabelMatcher.nre("queue", "test-.*"));
  }

  @Test
  void aMatcherPrintsInTheFormItParsesFrom() {
    LabelMatcher m = LabelMatcher.re("queue", "a|b");

    assertThat(m.toString()).isEqualTo("queue=~\"a|b\"");
    assertThat(LabelMatcher.parse(m.toString())).isEqualTo(m);
  }

  @Test
  void badInputIsRefusedWithAReadableReason() {
    assertThatThrownBy(() -> LabelMatcher.parse("queue"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("expected name=value");
    assertThatThrownBy(() -> LabelMatcher.re("queue", "(unclosed"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bad regular expression");
  }
}
