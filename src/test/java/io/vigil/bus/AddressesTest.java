package io.vigil.bus;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("The address book")
class AddressesTest {

  static List<Address<?>> all() throws IllegalAccessException {
    List<Address<?>> addresses = new ArrayList<>();
    for (Field field : Addresses.class.getFields()) {
      if (Modifier.isStatic(field.getModifiers()) && field.getType() == Address.class) {
        addresses.add((Address<?>) field.get(null));
      }
    }
    return addresses;
  }

  @Test
  void everyAddressIsUniqueUnderVigilAndStatesItsScope() throws IllegalAccessException {
    List<Address<?>> addresses = all();

    assertThat(addresses).hasSizeGreaterThan(30);
    assertThat(addresses).allSatisfy(a -> {
      assertThat(a.name()).startsWith("vigil.");
      assertThat(a.scope()).isNotNull();
    });
    assertThat(addresses.stream().map(Address::name)).doesNotHaveDuplicates();
  }

  @Test
  void noClusterWideAddressCarriesARecordThatCannotCrossTheWire() throws IllegalAccessException {
    assertThat(all()).filteredOn(a -> a.scope() == Scope.CLUSTER)
        .allSatisfy(a -> assertThat(BusCodecs.LOCAL_ONLY).as(a.name()).doesNotContain(a.body()));
  }

  @Test
  void whatANodeAloneCanAnswerIsNodeLocal() {
    assertThat(List.of(Addresses.QUEUE_HEALTH, Addresses.STORE_HEALTH, Addresses.SYSTEM_MODE_GET,
        Addresses.STREAM_SINCE, Addresses.CLUSTER_GET)).allSatisfy(a -> assertThat(a.scope()).isEqualTo(Scope.NODE));
  }

  @Test
  void factsEveryNodeMustActOnAreClusterWide() {
    assertThat(List.of(Addresses.SYSTEM_MODE_CHANGED, Addresses.CONFIG_CHANGED, Addresses.CLUSTER_LEADER_CHANGED))
        .allSatisfy(a -> assertThat(a.scope()).isEqualTo(Scope.CLUSTER));
    assertThat(Addresses.worker("x").scope()).isEqualTo(Scope.CLUSTER);
  }

  @Test
  void aReloadIsAskedOfOneNodeAndToldToEveryNodeWhileTheHandOverAndTheBreakersStayOnTheNode() {
    assertThat(List.of(Addresses.CONFIG_RELOAD, Addresses.CONFIG_GET, Addresses.CONFIG_APPLIED, Addresses.BREAKERS_LIST,
        Addresses.BREAKERS_SNAPSHOT, Addresses.BREAKER_STATE_CHANGED))
        .allSatisfy(a -> assertThat(a.scope()).as(a.name()).isEqualTo(Scope.NODE));
    assertThat(List.of(Addresses.CONFIG_RELOAD_REQUESTED, Addresses.CONFIG_RELOADED, Addresses.CONFIG_RELOAD_FAILED))
        .allSatisfy(a -> assertThat(a.scope()).as(a.name()).isEqualTo(Scope.CLUSTER));
    assertThat(Addresses.AUDITED).contains(Addresses.CONFIG_RELOADED, Addresses.CONFIG_RELOAD_FAILED,
        Addresses.BREAKER_STATE_CHANGED);
  }
}
