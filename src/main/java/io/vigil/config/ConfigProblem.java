package io.vigil.config;

/** One reason a configuration cannot be used: the exact key path (or variable, or file) and what is wrong with it. */
public record ConfigProblem(String path, String message) {
  @Override
  public String toString() {
    return path + ": " + message;
  }
}
