package io.vigil.config;

import io.vigil.domain.RetryPolicy;

import java.time.Duration;
import java.util.Map;

/**
 * {@code notifications:}: the channels by name and how the outbox delivers to them.
 *
 * @param externalUrl Vigil's address for links in messages ({@code https://vigil.example.com}); empty = no links
 * @param maxAttempts deliveries tried before a message is given up (dead)
 * @param retry       the wait between attempts; a receiver's Retry-After wins
 * @param lease       how long a claimed message is its sender's; after it another node may send it
 * @param poll        how often the outbox is looked at besides wake-ups (retries falling due, leases running out)
 * @param claimBatch  messages one claim takes
 */
public record NotificationsConfig(Map<String, ChannelSpec> channels, String externalUrl, int maxAttempts,
                                  RetryPolicy retry, Duration lease, Duration poll, int claimBatch) {
  public NotificationsConfig {
    channels = Map.copyOf(channels);
  }
}
