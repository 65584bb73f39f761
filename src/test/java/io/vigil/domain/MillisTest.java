package io.vigil.domain;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class MillisTest {
  /** The rule Millis.format keeps: ISO-8601 instant, exactly three decimals. */
  private static final DateTimeFormatter RULE = new DateTimeFormatterBuilder().appendInstant(3).toFormatter();

  @Test
  void formatsWithExactlyThreeDecimalsAndCutsFinerDigits() {
    assertThat(Millis.format(Instant.parse("2026-01-01T12:00:00Z"))).isEqualTo("2026-01-01T12:00:00.000Z");
    assertThat(Millis.format(Instant.parse("2026-11-27T09:05:07.123999999Z"))).isEqualTo("2026-11-27T09:05:07.123Z");
    assertThat(Millis.format(Instant.EPOCH)).isEqualTo("1970-01-01T00:00:00.000Z");
    assertThat(Millis.format(null)).isNull();
  }

  @Test
  void writesWhatTheIsoFormatterWritesForAnyInstantFromYearZeroToBeyond9999() {
    SplittableRandom random = new SplittableRandom(14);
    long from = Instant.parse("-0100-01-01T00:00:00Z").getEpochSecond();
    long to = Instant.parse("+10100-01-01T00:00:00Z").getEpochSecond();
    for (int i = 0; i < 200_000; i++) {
      Instant instant = Instant.ofEpochSecond(random.nextLong(from, to), random.nextInt(1_000_000_000));
      assertThat(Millis.format(instant)).as("%s", instant).isEqualTo(RULE.format(instant));
    }
  }

  @Test
  void writesTheEdgesOfEachDayAndOfTheFourDigitYearsAsTheIsoFormatterDoes() {
    for (String text : new String[] {"0000-01-01T00:00:00Z", "9999-12-31T23:59:59.999999999Z", "+10000-01-01T00:00:00Z",
        "-0001-12-31T23:59:59.999Z", "1969-12-31T23:59:59.999Z", "2024-02-29T23:59:59.999Z", "2024-03-01T00:00:00Z"}) {
      Instant instant = Instant.parse(text);
      assertThat(Millis.format(instant)).as(text).isEqualTo(RULE.format(instant));
      assertThat(Millis.format(instant.plusMillis(1))).as(text + " + 1 ms").isEqualTo(RULE.format(instant.plusMillis(1)));
    }
  }
}
