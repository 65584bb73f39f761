package io.vigil.domain;

/** A state machine was asked to make a move its transition table forbids. */
public final class IllegalTransitionException extends IllegalStateException {
  public IllegalTransitionException(Enum<?> from, Enum<?> to) {
    super("illegal transition " + from + " -> " + to);
  }

  public IllegalTransitionException(String message) {
    super(message);
  }
}
