package io.vigil.notify;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

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

  /** The YAML blocks of a markdown file whose text contains {@code marker}. */
  static List<String> yamlBlocks(Path file, String marker) throws IOException {
    List<String> blocks = new java.util.ArrayList<>();
    String text = Files.readString(file);
    int at = 0;
    while ((at = text.indexOf("```yaml\n", at)) >= 0) {
      int end = text.indexOf("```\n", at + 8);
      String block = text.substring(at + 8, end);
      if (block.contains(marker)) blocks.add(block);
      at = end + 4;
    }
    return blocks;
  }

  /** The variables the documents name, as an operator would set them. */
  static final Map<String, String> DOCS_ENV = Map.of(
      "VIGIL_SLACK_WEBHOOK_URL", "https://hooks.slack.com/services/T0/B0/docs",
      "VIGIL_OPS_HOOK_URL", "https://hooks.example.com/vigil", "VIGIL_OPS_HOOK_KEY", "0123456789abcdef0123",
      "VIGIL_TELEGRAM_BOT_TOKEN", "123456:ABCdefGHIjklMNOpqrSTUvwx", "VIGIL_SMTP_PASSWORD", "docs-password");
  static final Map<String, String> README_ENV = Map.of(
      "VIGIL_SLACK_WEBHOOK_URL", "https://hooks.slack.com/services/T0/B0/docs",
      "OPS_HOOK_URL", "https://hooks.example.com/vigil", "OPS_HOOK_KEY", "0123456789abcdef0123",
      "TELEGRAM_BOT_TOKEN", "123456:ABCdefGHIjklMNOpqrSTUvwx", "SMTP_PASSWORD", "docs-password");

  static io.vigil.config.LoadedConfig load(String yaml, Map<String, String> env) {
    return io.vigil.config.ConfigSource.ofText(yaml, "docs", env,
        io.vigil.queue.handler.HandlerRegistry.availableNames()).withChecks(List.of(ChannelConfigs.check())).load();
  }

  @Test
  void theDocumentedChannelsLoadAsWritten() throws IOException {
    List<String> blocks = yamlBlocks(DOCS, "notifications:");

    assertThat(blocks).hasSize(1);
    assertThat(load(blocks.get(0), DOCS_ENV).config().notifications().channels()).hasSize(5);
  }

  @Test
  void theReadmesRulesAndChannelsLoadTogetherAsWritten() throws IOException {
    Path readme = Path.of("README.md");
    String rules = yamlBlocks(readme, "alarms:").get(0);
    String channels = yamlBlocks(readme, "notifications:").get(0);

    var config = load(rules + channels, README_ENV).config();

    assertThat(config.alarms().rule("orders-stuck")).isPresent();
    assertThat(config.alarms().rule("queue-backup").orElseThrow().threshold()).isEqualTo(500);
    assertThat(config.alarms().rule("cpu-high")).isEmpty();
    assertThat(config.notifications().channels()).hasSize(5);
  }
}
