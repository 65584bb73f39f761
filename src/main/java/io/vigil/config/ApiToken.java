package io.vigil.config;

import io.vigil.domain.Role;

/** A bearer token. {@link #toString()} never shows the secret. */
public record ApiToken(String name, Role role, String secret) {
  @Override
  public String toString() {
    return "ApiToken[name=" + name + ", role=" + role.wireName() + ", secret=****]";
  }
}
