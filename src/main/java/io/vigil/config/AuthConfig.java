package io.vigil.config;

import io.vigil.domain.Role;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Tokens from {@code auth.tokens} / {@code VIGIL_AUTH_TOKENS}: {@code name:role:secret,...}. */
public record AuthConfig(List<ApiToken> tokens) {
  static final int MIN_SECRET_LENGTH = 16;

  public boolean enabled() {
    return !tokens.isEmpty();
  }

  static AuthConfig read(ConfigReader r) {
    String spec = r.string("auth.tokens");
    List<ApiToken> tokens = new ArrayList<>();
    Set<String> names = new HashSet<>();
    Set<String> secrets = new HashSet<>();
    if (spec.isEmpty()) return new AuthConfig(List.of());
    for (String item : spec.split(",")) {
      String[] parts = item.trim().split(":", 3);
      if (parts.length != 3 || parts[0].isBlank()) {
        // never echo the item: it may hold a secret
        r.problem("auth.tokens", "each token must read name:role:secret (entry " + (tokens.size() + 1) + " does not)");
        continue;
      }
      Role role = Role.fromWire(parts[1]).orElse(null);
      if (role == null) {
        r.problem("auth.tokens", "role '" + parts[1] + "' of token '" + parts[0] + "' is not one of "
            + Arrays.stream(Role.values()).map(Role::wireName).toList());
        continue;
      }
      if (parts[2].length() < MIN_SECRET_LENGTH) {
        r.problem("auth.tokens", "the secret of token '" + parts[0] + "' is shorter than " + MIN_SECRET_LENGTH + " characters");
        continue;
      }
      if (!names.add(parts[0])) r.problem("auth.tokens", "token name '" + parts[0] + "' is used twice");
      if (!secrets.add(parts[2])) r.problem("auth.tokens", "two tokens share a secret");
      tokens.add(new ApiToken(parts[0], role, parts[2]));
    }
    return new AuthConfig(List.copyOf(tokens));
  }
}
