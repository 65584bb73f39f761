package io.vigil.http;

import io.vigil.config.ApiToken;
import io.vigil.domain.Role;
import io.vigil.testing.MutableClock;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Stream tickets")
class StreamTicketsTest {
  static final List<ApiToken> TOKENS = List.of(new ApiToken("ops", Role.ADMIN, "admin-secret-0123456789"),
      new ApiToken("watch", Role.VIEWER, "viewer-secret-0123456789"));
  final MutableClock clock = MutableClock.startingAt("2026-01-01T00:00:00Z");
  final StreamTickets tickets = StreamTickets.forTokens(TOKENS, clock, Duration.ofSeconds(30));

  @Test
  void aTicketNamesWhoAskedForItAndExpiresAfterItsTimeToLive() {
    StreamTickets.Ticket ticket = tickets.issue("ops");

    assertThat(ticket.expiresAt()).isEqualTo(clock.instant().plusSeconds(30));
    assertThat(tickets.redeem(ticket.value())).contains(new StreamTickets.Redeemed("ops"));
  }

  @Test
  void aTicketIsRedeemedOnceOnly() {
    String ticket = tickets.issue("ops").value();

    assertThat(tickets.redeem(ticket)).isPresent();
    assertThat(tickets.redeem(ticket)).isEmpty();
  }

  @Test
  void anExpiredTicketIsRefused() {
    String ticket = tickets.issue("ops").value();
    clock.advance(Duration.ofSeconds(30));

    assertThat(tickets.redeem(ticket)).isEmpty();
  }

  @Test
  void aTamperedForgedOrMalformedTicketIsRefused() {
    String ticket = tickets.issue("watch").value();
    // flip the signature's first character: every bit of it is signature (the last one of unpadded base64url
    // carries spare bits, so changing it can decode to the same bytes)
    int at = ticket.indexOf('.') + 1;
    String tampered = ticket.substring(0, at) + (ticket.charAt(at) == 'A' ? 'B' : 'A') + ticket.substring(at + 1);
    String otherName = tickets.issue("ops").value().split("\\.")[0] + "." + ticket.split("\\.")[1];

    assertThat(tickets.redeem(tampered)).isEmpty();
    assertThat(tickets.redeem(otherName)).isEmpty();
    assertThat(tickets.redeem("not-a-ticket")).isEmpty();
    assertThat(tickets.redeem("@@@.###")).isEmpty();
    assertThat(tickets.redeem("")).isEmpty();
    assertThat(tickets.redeem(null)).isEmpty();
  }

  @Test
  void anotherNodeWithTheSameTokensAcceptsTheTicketAndOneWithOtherTokensDoesNot() {
    StreamTickets sameTokens = StreamTickets.forTokens(List.of(TOKENS.get(1), TOKENS.get(0)), clock, Duration.ofSeconds(30));
    StreamTickets otherTokens = StreamTickets.forTokens(List.of(TOKENS.get(0)), clock, Duration.ofSeconds(30));

    assertThat(sameTokens.redeem(tickets.issue("ops").value())).isPresent();
    assertThat(otherTokens.redeem(tickets.issue("ops").value())).isEmpty();
  }

  @Test
  void redeemedTicketsAreForgottenOnceTheyWouldHaveExpiredAnyway() {
    tickets.redeem(tickets.issue("ops").value());
    tickets.redeem(tickets.issue("watch").value());
    assertThat(tickets.remembered()).isEqualTo(2);

    clock.advance(Duration.ofSeconds(31));
    tickets.redeem(tickets.issue("ops").value());

    assertThat(tickets.remembered()).isEqualTo(1);
  }
}
