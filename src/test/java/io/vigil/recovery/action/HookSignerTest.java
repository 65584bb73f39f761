package io.vigil.recovery.action;

import io.vigil.notify.Secret;
import io.vigil.notify.WebhookSigner;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class HookSignerTest {
  @Test
  void aRemediationHookIsSignedExactlyAsTheWebhookChannelSignsSoOneReceiverCheckServesBoth() {
    byte[] body = "{\"component\":\"payments\"}".getBytes(StandardCharsets.UTF_8);
    String key = "whsec-7f3a9c2e4b1d8f6a0c5e";

    assertThat(new HookSigner(key).sign(1_764_000_000L, body))
        .isEqualTo(new WebhookSigner(Secret.of("hook", key)).sign(1_764_000_000L, body))
        .startsWith("sha256=");
    assertThat(HookSigner.SIGNATURE_HEADER).isEqualTo(WebhookSigner.SIGNATURE_HEADER);
    assertThat(HookSigner.TIMESTAMP_HEADER).isEqualTo(WebhookSigner.TIMESTAMP_HEADER);
    assertThat(new HookSigner(key).toString()).doesNotContain(key);
  }
}
