package io.vigil.notify;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** docs/notifications.md tells receivers and operators how things work; these keep it true. */
class NotificationDocsTest {
  static final Path DOCS = Path.of("docs", "notifications.md");
  static final Path CHECK = Path.of("src", "test", "java", "io", "vigil", "notify", "ReceiverSignatureCheck.java");

  @Test
  void theDocumentedSignatureCheckIsTheOneTheWebhookTestsRun() throws IOException {
    List<String> source = Files.readAllLines(CHECK);
    List<String> snippet = source.subList(source.indexOf("  // docs:begin verify") + 1,
        source.indexOf("  // docs:end verify")).stream().map(l -> l.startsWith("  ") ? l.substring(2) : l).toList();

    assertThat(snippet).hasSizeGreaterThan(5);
    assertThat(Files.readString(DOCS)).contains(String.join("\n", snippet));
  }

  @Test
  void theDocumentedTestVectorIsWhatVigilSigns() throws IOException {
    String signature = new WebhookSigner(Secret.of("docs", "whsec-7f3a9c2e4b1d8f6a0c5e"))
        .sign(1767261600L, "{\"version\":\"4\"}".getBytes(StandardCharsets.UTF_8));

    assertThat(signature).isEqualTo("sha256=bda8610e1aa023609f2916ed061c5322614d7dbf9a8d5b468b0f9e03313ea65c");
    assertThat(Files.readString(DOCS)).contains(signature);
  }

  @Test
  void everyTemplateVariableAndTheDefaultSlackTemplatesAreDocumented() throws IOException {
    String docs = Files.readString(DOCS);

    assertThat(TemplateVariables.NAMES).allSatisfy(name -> assertThat(docs).contains("`" + name + "`"));
    assertThat(docs).contains("title: \"" + SlackConfig.DEFAULT_TITLE.source() + "\"")
        .contains("text: \"" + SlackConfig.DEFAULT_TEXT.source() + "\"")
        .contains("subject: \"" + EmailConfig.DEFAULT_SUBJECT.source() + "\"");
  }
}
