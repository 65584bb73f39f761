package io.vigil.http;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vigil.bus.Address;
import io.vigil.bus.Addresses;
import io.vigil.bus.BusCodecs;
import io.vigil.bus.Commands;
import io.vigil.bus.Facts;
import io.vigil.bus.StreamRegistration;
import io.vigil.bus.StreamRegistry;
import io.vigil.bus.StreamedEvent;
import io.vigil.config.StreamConfig;
import io.vigil.domain.fact.ConfigChanged;
import io.vigil.domain.fact.Stamps;
import io.vigil.testing.Await;
import io.vigil.testing.Eventually;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** A capability the stream has never heard of adds its facts and its snapshot by registering them. */
@DisplayName("The stream registry")
class StreamVerticleTest {
  static final Address<ConfigChanged> THINGS = Address.node("vigil.test.things.changed", ConfigChanged.class);
  static final Address<JsonObject> LEVELS = Address.node("vigil.test.levels.updated", JsonObject.class);
  static final Address<JsonObject> SNAPSHOT = Address.node("vigil.test.snapshot", JsonObject.class);
  static final Address<JsonObject> ABSENT = Address.node("vigil.absent.snapshot", JsonObject.class);

  final Stamps stamps = new Stamps(Clock.systemUTC());
  final List<StreamedEvent> streamed = new CopyOnWriteArrayList<>();
  Vertx vertx;

  @BeforeEach
  void deploy() {
    vertx = Vertx.vertx();
    BusCodecs.register(vertx.eventBus());
    StreamRegistry registry = StreamRegistry.merge(
        StreamRegistry.of(List.of(StreamRegistration.fact(THINGS),
            StreamRegistration.ephemeral(LEVELS, "test.level", level -> level)), List.of(SNAPSHOT)),
        StreamRegistry.of(List.of(), List.of(ABSENT)));
    Commands.bind(vertx.eventBus(), SNAPSHOT, (q, m) -> Future.succeededFuture(new JsonObject().put("things", 3)));
    Facts.listen(vertx.eventBus(), Addresses.STREAM_EVENT, streamed::add);
    Await.result(vertx.deployVerticle(new StreamVerticle(new StreamConfig(16, Duration.ofSeconds(15), 1 << 20, Duration.ofSeconds(30)),
        Clock.systemUTC(), registry, "this-node")));
  }

  @AfterEach
  void close() {
    Await.result(vertx.close());
  }

  JsonObject ask(Address<JsonObject> address, JsonObject body) {
    return Await.result(Commands.request(vertx.eventBus(), address, body, new DeliveryOptions().setSendTimeout(5_000)))
        .body();
  }

  @Test
  void aRegisteredFactIsNumberedNamedByItsTypeAndKeptForResumes() {
    ConfigChanged fact = new ConfigChanged(stamps.next(), "things.max", "alice");
    Facts.publish(vertx.eventBus(), THINGS, fact);

    Eventually.until("the fact is streamed", () -> streamed.size() == 1);
    StreamedEvent event = streamed.get(0);
    assertThat(event.replayable()).isTrue();
    assertThat(event.name()).isEqualTo("config.changed");
    JsonObject data = new JsonObject(event.data());
    assertThat(data.getString("id")).isEqualTo(fact.id());
    assertThat(data.getString("actor")).isEqualTo("alice");
    assertThat(data.getJsonObject("details").getString("key")).isEqualTo("things.max");

    JsonArray kept = ask(Addresses.STREAM_SINCE, new JsonObject().put("after", event.id() - 1)).getJsonArray("events");
    assertThat(kept).hasSize(1);
    assertThat(kept.getJsonObject(0).getLong("id")).isEqualTo(event.id());
  }

  @Test
  void ephemeralDataIsStreamedWithoutAnIdAndNeverReplayed() {
    Facts.publish(vertx.eventBus(), LEVELS, new JsonObject().put("level", 7));

    Eventually.until("the data is streamed", () -> streamed.size() == 1);
    assertThat(streamed.get(0).replayable()).isFalse();
    assertThat(streamed.get(0).name()).isEqualTo("test.level");
    assertThat(new JsonObject(streamed.get(0).data()).getInteger("level")).isEqualTo(7);
    assertThat(ask(Addresses.STREAM_SINCE, new JsonObject().put("after", 0)).getJsonArray("events")).isEmpty();
  }

  @Test
  void everyEventNamesItsNodeAndAKeptNodeLocalFactIsHandedToThePeersWhichStreamItAsTheirs() {
    List<JsonObject> handedOn = new CopyOnWriteArrayList<>();
    Facts.listen(vertx.eventBus(), Addresses.STREAM_PEER, handedOn::add);
    Facts.publish(vertx.eventBus(), THINGS, new ConfigChanged(stamps.next(), "things.max", "alice"));
    Facts.publish(vertx.eventBus(), LEVELS, new JsonObject().put("level", 7));

    Eventually.until("both are streamed", () -> streamed.size() == 2);
    assertThat(streamed).allSatisfy(e -> assertThat(new JsonObject(e.data()).getString("node")).isEqualTo("this-node"));
    Eventually.until("the kept fact is handed on", () -> handedOn.size() == 1); // heard back here, not streamed twice
    assertThat(handedOn.get(0).getString("name")).isEqualTo("config.changed");
    assertThat(handedOn).allSatisfy(peer -> assertThat(peer.getString("node")).isEqualTo("this-node"));

    Facts.publish(vertx.eventBus(), Addresses.STREAM_PEER, new JsonObject().put("node", "peer-node")
        .put("name", "breaker.state.changed").put("data", new JsonObject().put("node", "peer-node").encode()));

    Eventually.until("the peer's fact is streamed here", () -> streamed.size() == 3);
    StreamedEvent peer = streamed.get(2);
    assertThat(peer.replayable()).isTrue();
    assertThat(peer.name()).isEqualTo("breaker.state.changed");
    assertThat(new JsonObject(peer.data()).getString("node")).isEqualTo("peer-node");
  }

  @Test
  void theSnapshotMergesEveryCapabilitysReplyAndNamesThoseThatDidNotAnswer() {
    JsonObject snapshot = ask(Addresses.STREAM_SNAPSHOT, new JsonObject());

    assertThat(snapshot.getInteger("things")).isEqualTo(3);
    assertThat(snapshot.getJsonArray("unavailable")).containsExactly(ABSENT.name());
  }
}
