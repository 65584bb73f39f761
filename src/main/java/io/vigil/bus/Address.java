package io.vigil.bus;

import java.util.Objects;

/**
 * An event-bus address with its scope and the type of the body it carries. The constants live in
 * {@link Addresses}.
 *
 * @param name  the address on the bus, {@code vigil.<capability>.<subject>[.<event>]}
 * @param scope whether it stays on this node or spans the cluster
 * @param body  the body type (a command's request, or a fact); a {@link Scope#CLUSTER} address must carry a type
 *              that has a wire codec
 */
public record Address<T>(String name, Scope scope, Class<T> body) {

  public Address {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(scope, "scope");
    Objects.requireNonNull(body, "body");
  }

  public static <T> Address<T> node(String name, Class<T> body) {
    return new Address<>(name, Scope.NODE, body);
  }

  public static <T> Address<T> cluster(String name, Class<T> body) {
    return new Address<>(name, Scope.CLUSTER, body);
  }

  public boolean nodeLocal() {
    return scope == Scope.NODE;
  }

  @Override
  public String toString() {
    return name + " (" + scope.name().toLowerCase(java.util.Locale.ROOT) + ")";
  }
}
