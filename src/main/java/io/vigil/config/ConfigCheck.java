package io.vigil.config;

import java.util.List;

/**
 * A check a capability makes of a configuration the loader found valid, for what only the capability can judge (a
 * channel's URL form, its template placeholders, its key length). The app hands them to the {@link ConfigSource}, so
 * a start and a reload refuse a configuration they find fault with, naming each problem by its key path.
 */
@FunctionalInterface
public interface ConfigCheck {
  List<ConfigProblem> check(VigilConfig config);
}
