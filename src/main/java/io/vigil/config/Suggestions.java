package io.vigil.config;

import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;

/**
 * "Did you mean ...?" for a misspelled key or variable: the closest candidate by optimal-string-alignment distance
 * (Levenshtein plus adjacent transpositions, so {@code concurrnecy} is one edit from {@code concurrency}), if it is
 * close enough to be a plausible typo; else a candidate that is the wrong name with a unit ({@code timeout} ->
 * {@code timeout_ms}); else one that ends with it ({@code VIGIL_PORT} -> {@code VIGIL_HTTP_PORT}).
 */
final class Suggestions {
  private Suggestions() {}

  static Optional<String> closest(String wrong, Collection<String> candidates) {
    String lower = wrong.toLowerCase(java.util.Locale.ROOT);
    int allowed = Math.max(2, lower.length() / 3);
    Optional<String> near = candidates.stream()
        .filter(c -> distance(lower, c.toLowerCase(java.util.Locale.ROOT)) <= allowed)
        .min(Comparator.<String>comparingInt(c -> distance(lower, c.toLowerCase(java.util.Locale.ROOT)))
            .thenComparing(Comparator.naturalOrder()));
    if (near.isPresent()) return near;
    Optional<String> withUnit = candidates.stream() // timeout -> timeout_ms, lease -> lease_ms
        .filter(c -> c.toLowerCase(java.util.Locale.ROOT).startsWith(lower + "_"))
        .min(Comparator.comparingInt(String::length).thenComparing(Comparator.naturalOrder()));
    if (withUnit.isPresent()) return withUnit;
    String tail = tailOf(lower);
    if (tail.length() < 3) return Optional.empty();
    return candidates.stream().filter(c -> c.toLowerCase(java.util.Locale.ROOT).endsWith(tail))
        .min(Comparator.comparingInt(String::length).thenComparing(Comparator.naturalOrder()));
  }

  /** {@code VIGIL_PORT} -> {@code _port}: what a candidate must end with to be the same setting in another section. */
  private static String tailOf(String lowerName) {
    int cut = lowerName.startsWith("vigil_") ? "vigil_".length() - 1 : -1;
    return cut < 0 ? "" : lowerName.substring(cut);
  }

  /** Optimal string alignment distance: insertions, deletions, substitutions and adjacent transpositions. */
  static int distance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) d[i][0] = i;
    for (int j = 0; j <= b.length(); j++) d[0][j] = j;
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }
}
