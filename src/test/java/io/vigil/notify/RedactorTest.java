package io.vigil.notify;

import io.vigil.domain.notify.Delivery;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RedactorTest {
  static final Secret SLACK = Secret.of("env SLACK_URL", "https://hooks.slack.com/services/T000/B000/XXXXsecretXXXX");

  @Test
  void theHttpClientsTimeoutMessageLosesTheSecretPath() {
    Redactor r = Redactor.builder().urlSecret(SLACK).build();

    String masked = r.redact("The timeout period of 300ms has been exceeded while executing POST "
        + "/services/T000/B000/XXXXsecretXXXX for server hooks.slack.com:443");

    assertThat(masked).isEqualTo("The timeout period of 300ms has been exceeded while executing POST **** for server "
        + "hooks.slack.com:443");
  }

  @Test
  void encodedAndEscapedFormsAreMaskedToo() {
    Secret token = Secret.of("env TOKEN", "123:abc/def+ghi");
    Redactor r = Redactor.builder().secret(token).build();

    assertThat(r.redact("a 123:abc/def+ghi b 123%3Aabc%2Fdef%2Bghi c 123:abc\\/def+ghi")).isEqualTo("a **** b **** c ****");
  }

  @Test
  void aDeliveryReasonIsMasked() {
    Redactor r = Redactor.builder().urlSecret(SLACK).build();

    Delivery d = r.redact(Delivery.permanent("HTTP 404 at " + SLACK.reveal(), 404));

    assertThat(d.reason()).isEqualTo("HTTP 404 at ****");
    assertThat(d.statusCode()).isEqualTo(404);
  }

  @Test
  void aShownUrlKeepsOnlySchemeHostAndPort() {
    assertThat(Redactor.maskUrl(SLACK.reveal())).isEqualTo("https://hooks.slack.com/****");
    assertThat(Redactor.maskUrl("http://user:pw@hook.example:8443")).isEqualTo("http://hook.example:8443/****");
    assertThat(Redactor.maskUrl("http://am.example:9093")).isEqualTo("http://am.example:9093");
    assertThat(Redactor.maskUrl("not a url")).isEqualTo("****");
  }

  @Test
  void aSecretPrintsMaskedWithWhereItCameFrom() {
    Secret s = Secret.fromEnv("VIGIL_TELEGRAM_TOKEN", Map.of("VIGIL_TELEGRAM_TOKEN", "123:very-secret"));

    assertThat(s.toString()).isEqualTo("****(env VIGIL_TELEGRAM_TOKEN)").doesNotContain("very-secret");
    assertThat(s.reveal()).isEqualTo("123:very-secret");
  }

  @Test
  void aMissingSecretNamesItsVariable() {
    assertThatThrownBy(() -> Secret.fromEnv("VIGIL_SLACK_URL", Map.of()))
        .hasMessage("environment variable VIGIL_SLACK_URL is not set");
  }
}
