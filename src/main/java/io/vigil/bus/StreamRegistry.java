package io.vigil.bus;

import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;

/**
 * Everything the live stream shows: the registrations of each capability, and the snapshot commands
 * ({@code vigil.<capability>.snapshot}) whose replies are merged into the {@code snapshot} event sent on connect.
 * Each capability declares its part; the app merges them (see {@code app/Vigil}).
 */
public record StreamRegistry(List<StreamRegistration<?>> events, List<Address<JsonObject>> snapshots) {

  public StreamRegistry {
    events = List.copyOf(events);
    snapshots = List.copyOf(snapshots);
  }

  public static StreamRegistry of(List<StreamRegistration<?>> events, List<Address<JsonObject>> snapshots) {
    return new StreamRegistry(events, snapshots);
  }

  public static StreamRegistry merge(StreamRegistry... parts) {
    List<StreamRegistration<?>> events = new ArrayList<>();
    List<Address<JsonObject>> snapshots = new ArrayList<>();
    for (StreamRegistry part : parts) {
      events.addAll(part.events());
      snapshots.addAll(part.snapshots());
    }
    return new StreamRegistry(events, snapshots);
  }
}
