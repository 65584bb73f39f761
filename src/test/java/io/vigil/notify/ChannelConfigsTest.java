package io.vigil.notify;

import io.vigil.config.ConfigException;
import io.vigil.config.ConfigSource;
import io.vigil.queue.handler.HandlerRegistry;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** A configuration whose channel cannot be built is refused when it is loaded, never when the channel is first used. */
class ChannelConfigsTest {
  static List<String> problems(String yaml, Map<String, String> env) {
    return catchThrowableOfType(ConfigException.class, () -> ConfigSource.ofText(yaml, "test.yaml", env,
        HandlerRegistry.availableNames()).withChecks(List.of(ChannelConfigs.check())).load()).problems();
  }

  @Test
  void aChannelTheNotifierCannotBuildStopsTheStartAtItsKeyWithoutShowingTheSecret() {
    List<String> problems = problems("""
        notifications:
          channels:
            hook: {type: webhook, url_env: HOOK_URL, signing_key_env: HOOK_KEY}
            chat: {type: slack, webhook_url_env: SLACK_URL, templates: {text: "{{summry}} now"}}
            am: {type: alertmanager, url: "ftp://alertmanager:9093"}
        """, Map.of("HOOK_URL", "https://hooks.example/x", "HOOK_KEY", "short-key-42", "SLACK_URL",
        "https://hooks.slack.com/services/T/B/s3cr3t-path"));

    assertThat(problems).anySatisfy(p -> assertThat(p).startsWith("notifications.channels.hook:")
            .contains("signing_key (env HOOK_KEY) must be at least 16 characters"))
        .anySatisfy(p -> assertThat(p).startsWith("notifications.channels.chat:").contains("templates.text")
            .contains("{{summry}}"))
        .anySatisfy(p -> assertThat(p).startsWith("notifications.channels.am:").contains("not an http(s) URL"));
    assertThat(String.join("\n", problems)).doesNotContain("short-key-42").doesNotContain("s3cr3t");
  }

  @Test
  void aGoodChannelBuildsWithItsSecretsAndTemplates() {
    ChannelConfig config = ChannelConfigs.of(ConfigSource.ofText("""
            notifications:
              channels:
                chat: {type: telegram, bot_token_env: BOT, chat_id: "-100123", templates: {text: "{{icon}} {{summary}}"}}
            """, "test.yaml", Map.of("BOT", "123456:ABCdefGHIjklMNOpqrSTUvwx"), HandlerRegistry.availableNames())
        .load().config().notifications().channels().get("chat"));

    TelegramConfig telegram = (TelegramConfig) config;
    assertThat(telegram.botToken().reveal()).isEqualTo("123456:ABCdefGHIjklMNOpqrSTUvwx");
    assertThat(telegram.text().source()).isEqualTo("{{icon}} {{summary}}");
    assertThat(telegram.toString()).doesNotContain("ABCdef");
  }
}
