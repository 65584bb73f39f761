package io.vigil.bus;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vigil.domain.fact.Fact;
import io.vigil.domain.fact.FactSamples;
import io.vigil.domain.fact.ModeChanged;
import io.vigil.domain.fact.QueueStateChanged;
import io.vigil.domain.fact.Stamp;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("Facts on the cluster wire")
class FactWireTest {

  @Test
  void everyFactTypeCrossesTheWireAndComesBackEqual() {
    assertThat(FactWire.types().stream().map(Class::getName))
        .containsExactlyInAnyOrder(Arrays.stream(Fact.class.getPermittedSubclasses()).map(Class::getName).toArray(String[]::new));
    for (Fact fact : FactSamples.all()) {
      @SuppressWarnings("unchecked")
      FactCodec codec = new FactCodec(fact.getClass());
      Buffer wire = Buffer.buffer().appendString("prefix");
      codec.encodeToWire(wire, fact);

      assertThat(codec.decodeFromWire("prefix".length(), wire)).isEqualTo(fact);
    }
  }

  @Test
  void insideOneJvmTheSameInstanceIsHandedOn() {
    Fact fact = FactSamples.all().get(0);

    assertThat(new FactCodec(fact.getClass()).transform(fact)).isSameAs(fact);
  }

  @Test
  void theWireFormNamesTheKindAndKeepsEnumsAndTimesReadable() {
    ModeChanged mode = (ModeChanged) FactSamples.all().stream().filter(f -> f instanceof ModeChanged).findFirst()
        .orElseThrow();

    JsonObject json = FactWire.encode(mode);

    assertThat(json.getString("kind")).isEqualTo("ModeChanged");
    assertThat(json.getString("mode")).isEqualTo("STOPPED");
    assertThat(json.getJsonObject("stamp").getString("at")).isEqualTo("2025-03-01T12:00:09.123Z");
  }

  @Test
  void aTimeOnTheWireHasExactlyThreeDecimalsEvenOnTheSecond() {
    QueueStateChanged paused = new QueueStateChanged(new Stamp("id-1", Instant.parse("2025-03-01T12:00:00Z")), "mail",
        true, "bob", null);

    JsonObject json = FactWire.encode(paused);

    assertThat(json.getJsonObject("stamp").getString("at")).isEqualTo("2025-03-01T12:00:00.000Z");
    assertThat(FactWire.decode(json)).isEqualTo(paused);
  }

  @Test
  void aKindThisNodeDoesNotKnowIsRefusedByName() {
    assertThatThrownBy(() -> FactWire.decode(new JsonObject().put("kind", "ProbeFlapped")))
        .hasMessageContaining("ProbeFlapped");
  }
}
