package io.vigil.bus;

/**
 * Who an address reaches on a clustered bus. Binding, publishing and asking go through {@link Commands} and
 * {@link Facts}, which apply it; nothing calls {@code consumer}/{@code publish} on a Vigil address by hand.
 */
public enum Scope {
  /**
   * This node only: bound with a local consumer, published and asked with {@code localOnly}. For what is about
   * this node (its readiness, its mode in force, its stream numbering) and for records with a local codec.
   */
  NODE,
  /**
   * Every node: commands are bound so that any node (and other applications on the bus) can reach them; facts are
   * published to every node, and every node's listeners are registered cluster-wide so that they hear a peer's
   * publish as well as their own node's.
   */
  CLUSTER
}
