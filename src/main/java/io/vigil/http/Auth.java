package io.vigil.http;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import io.vigil.bus.Failure;
import io.vigil.config.ApiToken;
import io.vigil.config.AuthConfig;
import io.vigil.domain.Role;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;

/**
 * Bearer-token authentication and role checks. Secrets are compared in constant time (and every token is
 * compared, so timing does not tell which one matched). With no tokens configured, every caller is an
 * anonymous admin; Vigil then binds loopback only (enforced at config validation).
 */
final class Auth {
  private static final String CALLER = "caller";
  private static final ApiToken ANONYMOUS = new ApiToken("anonymous", Role.ADMIN, "");

  private record Secret(ApiToken token, byte[] bytes) {}

  private final List<Secret> secrets;

  Auth(AuthConfig config) {
    this.secrets = config.tokens().stream()
        .map(t -> new Secret(t, t.secret().getBytes(StandardCharsets.UTF_8))).toList();
  }

  boolean enabled() {
    return !secrets.isEmpty();
  }

  /** Identifies the caller, or fails 401. A caller already admitted (by a stream ticket) passes. */
  void authenticate(RoutingContext ctx) {
    if (ctx.get(CALLER) != null) {
      ctx.next();
      return;
    }
    if (secrets.isEmpty()) {
      ctx.put(CALLER, ANONYMOUS);
      ctx.next();
      return;
    }
    String header = ctx.request().getHeader("Authorization");
    ApiToken found = null;
    if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      byte[] presented = header.substring(7).trim().getBytes(StandardCharsets.UTF_8);
      for (Secret secret : secrets) {
        if (MessageDigest.isEqual(secret.bytes(), presented)) found = secret.token();
      }
    }
    if (found == null) {
      ctx.fail(Failure.of(401, Failure.Codes.UNAUTHORIZED,
          header == null ? "send Authorization: Bearer <token>" : "the bearer token is not valid").asException());
      return;
    }
    ctx.put(CALLER, found);
    ctx.next();
  }

  /** A route handler that lets only callers with at least {@code role} through (403 otherwise). */
  static Handler<RoutingContext> require(Role role) {
    return ctx -> {
      ApiToken caller = ctx.get(CALLER);
      if (caller == null || !caller.role().includes(role)) {
        ctx.fail(Failure.of(403, Failure.Codes.FORBIDDEN, "this needs the " + role.wireName() + " role; token '"
            + (caller == null ? "?" : caller.name()) + "' has " + (caller == null ? "none" : caller.role().wireName()))
            .asException());
        return;
      }
      ctx.next();
    };
  }

  /** Admits {@code caller} without a bearer token (a redeemed stream ticket). */
  static void admit(RoutingContext ctx, ApiToken caller) {
    ctx.put(CALLER, caller);
  }

  /** The authenticated caller. */
  static ApiToken caller(RoutingContext ctx) {
    return ctx.get(CALLER);
  }

  /** The name of the authenticated caller, recorded as the actor of what they do. */
  static String actor(RoutingContext ctx) {
    ApiToken caller = ctx.get(CALLER);
    return caller == null ? "anonymous" : caller.name();
  }
}
