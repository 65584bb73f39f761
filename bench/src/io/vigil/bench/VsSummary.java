package io.vigil.bench;

import io.vertx.core.json.JsonObject;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * Puts Vigil and BullMQ side by side for {@code bench/vs-bullmq.sh}: reads {@code <round> <json>} lines (the JSON
 * line each run printed: {@code bench/peers/bullmq/README.md} lists the keys) on stdin and prints, per workload and
 * metric, each engine's runs and median, the ratio Vigil ÷ BullMQ per round and its median, then issue 14's
 * targets. Ratios of "lower is better" metrics (CPU, latency, commands) are below 1 when Vigil does better.
 */
public final class VsSummary {
  private record Metric(String key, boolean higherIsBetter) {}

  private static final Map<String, List<Metric>> METRICS = Map.of(
      "a", List.of(new Metric("processed_per_s", true), new Metric("enqueue_per_s", true),
          new Metric("process_cpu_us_per_task", false), new Metric("enqueue_cpu_us_per_task", false),
          new Metric("redis_process_cpu_us_per_task", false), new Metric("redis_enqueue_cpu_us_per_task", false),
          new Metric("commands_per_task", false)),
      "b", List.of(new Metric("end_to_end_per_s", true), new Metric("submitted_per_s", true),
          new Metric("p50_ms", false), new Metric("p99_ms", false), new Metric("max_ms", false),
          new Metric("cpu_us_per_task", false), new Metric("redis_cpu_us_per_task", false),
          new Metric("commands_per_task", false)));

  private static final Map<String, String> TITLES = Map.of(
      "a", "(a) tasks added in batches, then processed, results kept",
      "b", "(b) tasks submitted one at a time by concurrent producers, submit -> completed");

  private VsSummary() {}

  public static void main(String[] args) throws Exception {
    // workload -> engine -> round -> run
    Map<String, Map<String, Map<Integer, JsonObject>>> runs = new TreeMap<>();
    try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
      String line;
      while ((line = in.readLine()) != null) {
        int space = line.indexOf(' ');
        if (space < 0 || !line.startsWith("{", space + 1)) continue;
        JsonObject run = new JsonObject(line.substring(space + 1));
        runs.computeIfAbsent(run.getString("workload"), w -> new TreeMap<>())
            .computeIfAbsent(run.getString("engine"), e -> new TreeMap<>())
            .put(Integer.parseInt(line.substring(0, space)), run);
      }
    }
    List<String> verdicts = new ArrayList<>();
    runs.forEach((workload, byEngine) -> {
      Map<Integer, JsonObject> vigil = byEngine.getOrDefault("vigil", Map.of());
      Map<Integer, JsonObject> bullmq = byEngine.getOrDefault("bullmq", Map.of());
      JsonObject any = vigil.isEmpty() ? bullmq.values().iterator().next() : vigil.values().iterator().next();
      System.out.printf(Locale.ROOT, "%n== %s: %,d tasks, warm-up %,d, %s%n", TITLES.getOrDefault(workload, workload),
          any.getInteger("tasks"), any.getInteger("warmup"), shape(any));
      System.out.printf(Locale.ROOT, "%-34s %-30s %-30s %s%n", "metric", "bullmq: median (runs)", "vigil: median (runs)",
          "vigil / bullmq: median (rounds)");
      for (Metric metric : METRICS.getOrDefault(workload, List.of())) {
        List<Double> ratios = new ArrayList<>();
        for (Map.Entry<Integer, JsonObject> v : vigil.entrySet()) {
          JsonObject b = bullmq.get(v.getKey());
          Double vv = v.getValue().getDouble(metric.key());
          Double bv = b == null ? null : b.getDouble(metric.key());
          if (vv != null && bv != null && bv != 0) ratios.add(vv / bv);
        }
        System.out.printf(Locale.ROOT, "%-34s %-30s %-30s %s%n", metric.key() + (metric.higherIsBetter() ? " (+)" : " (-)"),
            column(bullmq, metric.key()), column(vigil, metric.key()),
            ratios.isEmpty() ? "-" : String.format(Locale.ROOT, "%.2fx (%s)", median(ratios), join(ratios, "%.2f")));
      }
      if (workload.equals("a")) {
        verdicts.add(target("(a) processed, vigil / bullmq", ratio(vigil, bullmq, "processed_per_s"), r -> r >= 3, ">= 3x", "x"));
      } else if (workload.equals("b")) {
        verdicts.add(target("(b) end to end, vigil / bullmq", ratio(vigil, bullmq, "end_to_end_per_s"), r -> r >= 2.5, ">= 2.5x", "x"));
        verdicts.add(target("(b) vigil p99", median(values(vigil, "p99_ms")), p -> p <= 10, "<= 10 ms", " ms"));
        verdicts.add(target("(b) vigil JVM CPU per task", median(values(vigil, "cpu_us_per_task")), c -> c <= 50, "<= 50 us", " us"));
      }
    });
    System.out.printf("%n== issue 14 targets (medians over the rounds; (+) higher is better, (-) lower is better)%n");
    verdicts.forEach(System.out::println);
  }

  private static String shape(JsonObject run) {
    StringBuilder out = new StringBuilder();
    for (String key : List.of("batch", "producers", "concurrency")) {
      if (run.containsKey(key)) out.append(out.length() == 0 ? "" : ", ").append(key).append(' ').append(run.getValue(key));
    }
    return out.toString();
  }

  private static String column(Map<Integer, JsonObject> runs, String key) {
    List<Double> values = values(runs, key);
    if (values.isEmpty()) return "-";
    return String.format(Locale.ROOT, "%s (%s)", format(median(values)), join(values, null));
  }

  private static List<Double> values(Map<Integer, JsonObject> runs, String key) {
    List<Double> values = new ArrayList<>();
    runs.values().forEach(run -> {
      Double value = run.getDouble(key);
      if (value != null) values.add(value);
    });
    return values;
  }

  /** The median over rounds of the per-round ratio vigil / bullmq. */
  private static double ratio(Map<Integer, JsonObject> vigil, Map<Integer, JsonObject> bullmq, String key) {
    List<Double> ratios = new ArrayList<>();
    vigil.forEach((round, v) -> {
      JsonObject b = bullmq.get(round);
      if (b != null && v.getDouble(key) != null && b.getDouble(key) != null && b.getDouble(key) != 0) {
        ratios.add(v.getDouble(key) / b.getDouble(key));
      }
    });
    return median(ratios);
  }

  private static String target(String name, double value, Predicate<Double> met, String goal, String unit) {
    if (Double.isNaN(value)) return String.format(Locale.ROOT, "%-34s no runs", name);
    return String.format(Locale.ROOT, "%-34s %8.2f%-4s (target %s): %s", name, value, unit, goal,
        met.test(value) ? "MET" : "MISSED");
  }

  private static String join(List<Double> values, String pattern) {
    List<String> parts = new ArrayList<>();
    for (double v : values) parts.add(pattern == null ? format(v) : String.format(Locale.ROOT, pattern, v));
    return String.join(" ", parts);
  }

  private static String format(double v) {
    if (Math.abs(v) >= 1000) return String.format(Locale.ROOT, "%,.0f", v);
    if (Math.abs(v) >= 100) return String.format(Locale.ROOT, "%.0f", v);
    return String.format(Locale.ROOT, "%.2f", v).replaceAll("\\.?0+$", "");
  }

  private static double median(List<Double> values) {
    return values.isEmpty() ? Double.NaN : Summarize.median(values);
  }
}
