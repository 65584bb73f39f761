package io.vigil.domain;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** API roles; each includes every role before it. */
public enum Role {
  VIEWER, PRODUCER, OPERATOR, ADMIN;

  public boolean includes(Role required) {
    return ordinal() >= required.ordinal();
  }

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<Role> fromWire(String name) {
    return Arrays.stream(values()).filter(r -> r.wireName().equals(name)).findFirst();
  }
}
