package io.vigil.notify;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every bad value names its channel and field; no message ever shows a secret. */
class ChannelConfigTest {
  static Secret secret(String value) {
    return Secret.of("env X_SECRET", value);
  }

  @Test
  void aBadSecretUrlIsNamedByItsSourceNotItsValue() {
    assertThatThrownBy(() -> new SlackConfig("ops", secret("ftp://hooks/s3cr3t-value")))
        .hasMessage("channel ops: webhook_url (env X_SECRET) is not an http(s) URL")
        .message().doesNotContain("s3cr3t");
  }

  @Test
  void aWebhookNeedsASigningKeyLongEnough() {
    assertThatThrownBy(() -> new WebhookConfig("hook", secret("https://h.example/x"), null))
        .hasMessage("channel hook: signing_key is required");
    assertThatThrownBy(() -> new WebhookConfig("hook", secret("https://h.example/x"), secret("short-k3y")))
        .hasMessage("channel hook: signing_key (env X_SECRET) must be at least 16 characters")
        .message().doesNotContain("short-k3y");
  }

  @Test
  void aTelegramTokenAndChatAreChecked() {
    assertThatThrownBy(() -> new TelegramConfig("tg", secret("nonsense-token"), "-100123"))
        .hasMessageContaining("bot_token (env X_SECRET) does not look like").message().doesNotContain("nonsense");
    assertThatThrownBy(() -> new TelegramConfig("tg", secret("123:ABCDEFGHIJKLMNOPQRSTUVWXYZ"), "my chat"))
        .hasMessageContaining("chat_id 'my chat'");
    assertThat(new TelegramConfig("tg", secret("123:ABCDEFGHIJKLMNOPQRSTUVWXYZ"), "@vigil_ops").apiBaseUrl())
        .isEqualTo("https://api.telegram.org");
  }

  @Test
  void emailNeedsAddressesAndAPasswordWithAUsername() {
    assertThatThrownBy(() -> new EmailConfig("mail", "smtp", 587, null, "u", null, "a@b.c", List.of("d@e.f"), null,
        null, null)).hasMessage("channel mail: password is required with a username");
    assertThatThrownBy(() -> new EmailConfig("mail", "smtp", 587, null, null, null, "a@b.c", List.of(), null, null,
        null)).hasMessage("channel mail: to needs at least one address");
    assertThatThrownBy(() -> new EmailConfig("mail", "smtp", 587, null, null, null, "nobody", List.of("d@e.f"), null,
        null, null)).hasMessage("channel mail: from 'nobody' is not an email address");
    EmailConfig ok = new EmailConfig("mail", "smtp", 587, null, "u", secret("pa55word-x"), "a@b.c", List.of("d@e.f"),
        null, null, null);
    assertThat(ok.security()).isEqualTo(EmailConfig.Security.STARTTLS);
    assertThat(ok.toString()).doesNotContain("pa55word-x");
  }

  @Test
  void alertmanagerUrlsCarryNoCredentialsAndResendsStayInBounds() {
    assertThatThrownBy(() -> new AlertmanagerConfig("am", "http://u:p@am:9093"))
        .hasMessageContaining("must not carry credentials");
    assertThatThrownBy(() -> new AlertmanagerConfig("am", "http://am:9093", Duration.ofMillis(10), null))
        .hasMessageContaining("resend_interval");
    AlertmanagerConfig ok = new AlertmanagerConfig("am", "http://am:9093/");
    assertThat(ok.url()).isEqualTo("http://am:9093");
    assertThat(ok.alertLifetime()).isEqualTo(Duration.ofMinutes(4));
  }

  @Test
  void namesAndTimeoutsAreChecked() {
    assertThatThrownBy(() -> new SlackConfig("Ops Slack", secret("https://h/x")))
        .hasMessageContaining("channel name 'Ops Slack' must match");
    assertThatThrownBy(() -> new SlackConfig("ops", secret("https://h/x"), null, null, Duration.ZERO))
        .hasMessage("channel ops: timeout must be between 1 ms and 5 minutes");
    assertThat(new SlackConfig("ops", secret("https://h/x")).timeout()).isEqualTo(ChannelConfig.DEFAULT_TIMEOUT);
  }
}
