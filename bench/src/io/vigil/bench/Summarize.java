package io.vigil.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads {@code RESULT <bench> key=value ...} lines (from several runs) on stdin and prints, per bench and key,
 * the median, the min..max range and the spread ((max - min) / median). Other lines are ignored.
 */
public final class Summarize {
  private Summarize() {}

  public static void main(String[] args) throws Exception {
    Map<String, Map<String, List<Double>>> byBench = new LinkedHashMap<>();
    try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
      String line;
      while ((line = in.readLine()) != null) {
        if (!line.startsWith("RESULT ")) continue;
        String[] parts = line.trim().split("\\s+");
        Map<String, List<Double>> keys = byBench.computeIfAbsent(parts[1], b -> new LinkedHashMap<>());
        for (int i = 2; i < parts.length; i++) {
          String[] kv = parts[i].split("=", 2);
          if (kv.length == 2) keys.computeIfAbsent(kv[0], k -> new ArrayList<>()).add(Double.parseDouble(kv[1]));
        }
      }
    }
    byBench.forEach((bench, keys) -> {
      int runs = keys.values().stream().mapToInt(List::size).max().orElse(0);
      System.out.printf(Locale.ROOT, "%s (%d run%s)%n", bench, runs, runs == 1 ? "" : "s");
      keys.forEach((key, values) -> {
        double median = median(values);
        double min = values.stream().mapToDouble(d -> d).min().orElse(0);
        double max = values.stream().mapToDouble(d -> d).max().orElse(0);
        double spread = median == 0 ? 0 : (max - min) / median * 100;
        System.out.printf(Locale.ROOT, "  %-26s median %12.1f   range %12.1f .. %-12.1f spread %5.1f %%%n",
            key, median, min, max, spread);
      });
    });
  }

  static double median(List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    sorted.sort(null);
    int n = sorted.size();
    if (n == 0) return 0;
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }
}
