package io.vigil.notify;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.vigil.domain.Millis;
import io.vigil.domain.notify.Notification;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Against GreenMail, a real SMTP server in the test JVM that requires login. */
class EmailChannelTest extends ChannelContract {
  static final String PASSWORD = "smtp-pa55-Wq8rT3yU";

  @RegisterExtension
  static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
      .withConfiguration(GreenMailConfiguration.aConfig().withUser("vigil@example.com", "vigil", PASSWORD))
      .withPerMethodLifecycle(true);

  EmailChannel channel(int port, String password, Duration timeout) {
    return new EmailChannel(vertx, new EmailConfig("ops-mail", "127.0.0.1", port, EmailConfig.Security.NONE, "vigil",
        Secret.of("env SMTP_PASSWORD", password), "vigil@example.com", List.of("oncall@example.com", "lead@example.com"),
        null, null, timeout));
  }

  @Override
  protected Channel channelToReceiver() {
    return channel(smtp.getSmtp().getPort(), PASSWORD, null);
  }

  @Override
  protected Channel channelToReceiverThatIsDown() {
    return channel(SilentServer.closedPort(), PASSWORD, null);
  }

  @Override
  protected Channel channelTheReceiverRefuses() {
    return channel(smtp.getSmtp().getPort(), "not-the-password-42", null);
  }

  @Override
  protected Channel channelToSilentReceiver(Duration timeout) {
    return channel(SilentServer.start(vertx).port(), PASSWORD, timeout);
  }

  @Override
  protected void assertReceivedFiring(Notification n) {
    MimeMessage[] received = smtp.getReceivedMessages();
    assertThat(received).as("one copy per recipient").hasSize(2);
    MimeMessage m = received[0];
    try {
      assertThat(m.getSubject()).isEqualTo("[FIRING] critical QueueBacklog: Queue jobs has 153 waiting tasks");
      assertThat(m.getFrom()[0].toString()).isEqualTo("vigil@example.com");
      assertThat(m.getHeader(WebhookSigner.ID_HEADER)[0]).isEqualTo(n.id());
      List<String> parts = parts(m);
      String text = parts.stream().filter(p -> p.startsWith("text/plain")).findFirst().orElseThrow();
      String html = parts.stream().filter(p -> p.startsWith("text/html")).findFirst().orElseThrow();
      assertThat(text).contains("FIRING · critical · QueueBacklog", "Queue jobs has 153 waiting tasks", "Value: 153",
          "Suggested action: Add workers", "the backlog <b>grows</b>", "Open in Vigil: " + n.first().generatorUrl());
      assertThat(html).contains("<h2 style=\"color:#c62828\">", "the backlog &lt;b&gt;grows&lt;/b&gt;",
          "<a href=\"" + n.first().generatorUrl() + "\">Open in Vigil</a>");
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  @Override
  protected void assertReceivedResolve(Notification firing, Notification resolve) {
    MimeMessage[] received = smtp.getReceivedMessages();
    assertThat(received).hasSize(4);
    try {
      List<MimeMessage> resolves = new ArrayList<>();
      for (MimeMessage m : received) {
        if (m.getSubject().equals("[RESOLVED] critical QueueBacklog: Queue jobs has 153 waiting tasks")) resolves.add(m);
      }
      assertThat(resolves).as("one resolve per recipient").hasSize(2);
      assertThat(GreenMailUtil.getBody(resolves.get(0))).contains("Ended: " + Millis.format(resolve.first().endsAt()));
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  @Override
  protected List<String> secrets() {
    return List.of(PASSWORD, "not-the-password-42");
  }

  /** Each MIME part as {@code content-type + "\n" + decoded text}. */
  static List<String> parts(MimeMessage m) throws Exception {
    List<String> out = new ArrayList<>();
    collect(m.getContent(), m.getContentType(), out);
    return out;
  }

  private static void collect(Object content, String type, List<String> out) throws Exception {
    if (content instanceof Multipart mp) {
      for (int i = 0; i < mp.getCount(); i++) {
        BodyPart part = mp.getBodyPart(i);
        collect(part.getContent(), part.getContentType(), out);
      }
    } else {
      out.add(type.toLowerCase() + "\n" + content);
    }
  }

  @Test
  void theSubjectStaysOneLineWhateverTheSummarySays() throws Exception {
    var now = clock.instant();
    var alert = io.vigil.domain.notify.Alert.builder("DiskFull", io.vigil.domain.Severity.WARNING)
        .summary("Disk almost full\r\nBcc: attacker@example.com").startsAt(now).fingerprint("fp-disk").build();

    deliver(channelToReceiver(), Samples.group(io.vigil.domain.notify.NotificationKind.FIRING, "n-disk",
        List.of(alert), now));

    MimeMessage m = smtp.getReceivedMessages()[0];
    assertThat(m.getSubject()).isEqualTo("[FIRING] warning DiskFull: Disk almost full Bcc: attacker@example.com");
    assertThat(m.getHeader("Bcc")).isNull();
    assertThat(smtp.getReceivedMessages()).hasSize(2);
  }
}
