package io.vigil.bench;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedMethod;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Reads a JFR recording (e.g. one {@code RedisQueueBench --jfr} wrote) and prints what the profile of a hot path
 * needs, as plain text: where the CPU samples are (by thread, by method itself and with its callees, by package), what
 * is allocated and by whom, what the JIT compiled and deoptimized while recording and when, the GC's work, and the
 * machine's load; only events inside the window in {@code FILE.jfr.window} when that file exists (RedisQueueBench
 * writes it: a dump may hold whole chunks from before the window). {@code --tasks N} also divides by the tasks of the recorded run. {@code --callers TEXT} adds who
 * calls the methods whose {@code Class.method} contains TEXT: the chains of {@code --depth} callers below them, for
 * CPU samples and for allocations.
 *
 * <p>Usage: {@code java -cp bench/out io.vigil.bench.JfrSummary FILE.jfr [FILE2.jfr ...] [--top 25] [--tasks N]
 * [--callers TEXT] [--depth 8]}; several files are summed (e.g. the runs of one {@code --runs N}), and {@code --tasks}
 * is then the tasks of all of them.
 */
public final class JfrSummary {
  private JfrSummary() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 1) {
      System.err.println("usage: JfrSummary FILE.jfr [FILE2.jfr ...] [--top 25] [--tasks N] [--callers TEXT] [--depth 8]");
      System.exit(2);
    }
    int top = BenchSupport.intArg(args, "--top", 25);
    int tasks = BenchSupport.intArg(args, "--tasks", 0);
    Summary s = new Summary();
    for (int i = 0; i + 1 < args.length; i++) {
      if (args[i].equals("--callers")) s.callersOf = args[i + 1];
    }
    s.depth = BenchSupport.intArg(args, "--depth", 8);
    for (int i = 0; i < args.length; i++) {
      if (args[i].startsWith("--")) {
        i++; // and its value
        continue;
      }
      s.window(Path.of(args[i] + ".window"));
      try (RecordingFile file = new RecordingFile(Path.of(args[i]))) {
        while (file.hasMoreEvents()) s.add(file.readEvent());
      }
    }
    s.print(top, tasks);
  }

  private static final class Summary {
    String callersOf;
    int depth;
    /** The measured window (from FILE.window), or null for every event in the file. */
    Instant from;
    Instant to;
    Duration windows = Duration.ZERO;
    final Map<String, Long> sampleCallers = new HashMap<>();
    final Map<String, Long> allocCallers = new HashMap<>();
    Instant first;
    Instant last;
    int samples;
    final Map<String, Long> samplesByThread = new HashMap<>();
    final Map<String, Long> self = new HashMap<>();
    final Map<String, Long> inclusive = new HashMap<>();
    final Map<String, Long> selfByPackage = new HashMap<>();
    final Map<String, Long> vigilInclusive = new HashMap<>();
    long allocated;
    final Map<String, Long> allocByClass = new HashMap<>();
    final Map<String, Long> allocBySite = new HashMap<>();
    final Map<String, Long> allocByCaller = new HashMap<>();
    final Map<String, Long> allocByVigil = new HashMap<>();
    int compilations;
    Duration compileTime = Duration.ZERO;
    final Map<Integer, Integer> compilationsByLevel = new TreeMap<>();
    final Map<Integer, Duration> compileTimeByLevel = new TreeMap<>();
    final Map<String, Integer> compilationsByPackage = new HashMap<>();
    final Map<Long, Integer> compilationsBySecond = new TreeMap<>();
    final Map<String, Long> compileTimeByMethod = new HashMap<>();
    int deopts;
    final Map<String, Long> deoptByReason = new HashMap<>();
    final Map<String, Long> deoptByMethod = new HashMap<>();
    int gcs;
    Duration gcTime = Duration.ZERO;
    Duration gcPauses = Duration.ZERO;
    final Map<String, Integer> gcByName = new HashMap<>();
    int cpuLoads;
    double jvmUser;
    double jvmSystem;
    double machine;

    /** Only events inside the window the file names (FILE.jfr.window), or all when there is none. */
    void window(Path file) throws java.io.IOException {
      from = null;
      to = null;
      if (!java.nio.file.Files.exists(file)) return;
      String[] bounds = java.nio.file.Files.readString(file).trim().split("\\s+");
      from = Instant.ofEpochMilli(Long.parseLong(bounds[0]));
      to = Instant.ofEpochMilli(Long.parseLong(bounds[1]));
      windows = windows.plus(Duration.between(from, to));
    }

    void add(RecordedEvent e) {
      Instant at = e.getStartTime();
      if (from != null && (at.isBefore(from) || at.isAfter(to))) return;
      if (first == null || at.isBefore(first)) first = at;
      if (last == null || e.getEndTime().isAfter(last)) last = e.getEndTime();
      switch (e.getEventType().getName()) {
        case "jdk.ExecutionSample" -> sample(e);
        case "jdk.ObjectAllocationSample" -> allocation(e);
        case "jdk.Compilation" -> compilation(e);
        case "jdk.Deoptimization" -> deoptimization(e);
        case "jdk.GarbageCollection" -> {
          gcs++;
          gcTime = gcTime.plus(e.getDuration());
          gcPauses = gcPauses.plus(e.getDuration("sumOfPauses"));
          gcByName.merge(e.getString("name"), 1, Integer::sum);
        }
        case "jdk.CPULoad" -> {
          cpuLoads++;
          jvmUser += e.getFloat("jvmUser");
          jvmSystem += e.getFloat("jvmSystem");
          machine += e.getFloat("machineTotal");
        }
        default -> { }
      }
    }

    private void sample(RecordedEvent e) {
      samples++;
      RecordedThread thread = e.getThread("sampledThread");
      samplesByThread.merge(threadGroup(thread), 1L, Long::sum);
      RecordedStackTrace stack = e.getStackTrace();
      if (stack == null || stack.getFrames().isEmpty()) return;
      List<RecordedFrame> frames = stack.getFrames();
      callers(frames, 1, sampleCallers);
      String top = name(frames.get(0).getMethod());
      self.merge(top, 1L, Long::sum);
      selfByPackage.merge(packageOf(frames.get(0).getMethod()), 1L, Long::sum);
      Set<String> seen = new HashSet<>();
      Set<String> vigil = new HashSet<>();
      for (RecordedFrame frame : frames) {
        String method = name(frame.getMethod());
        if (seen.add(method)) inclusive.merge(method, 1L, Long::sum);
        String type = frame.getMethod().getType().getName();
        if (type.startsWith("io.vigil.") && vigil.add(simple(type))) vigilInclusive.merge(simple(type), 1L, Long::sum);
      }
    }

    private void allocation(RecordedEvent e) {
      long weight = e.getLong("weight");
      allocated += weight;
      allocByClass.merge(e.getClass("objectClass").getName(), weight, Long::sum);
      RecordedStackTrace stack = e.getStackTrace();
      if (stack == null || stack.getFrames().isEmpty()) return;
      callers(stack.getFrames(), weight, allocCallers);
      allocBySite.merge(name(stack.getFrames().get(0).getMethod()), weight, Long::sum);
      // the first io.vigil frame: which part of Vigil the allocation serves (framework allocations included)
      for (RecordedFrame frame : stack.getFrames()) {
        String type = frame.getMethod().getType().getName();
        if (type.startsWith("io.vigil.")) {
          allocByVigil.merge(simple(type).replace("$$Lambda", "") + "." + frame.getMethod().getName(), weight, Long::sum);
          break;
        }
      }
      // the first frame outside the JDK: whose code asked for the memory
      for (RecordedFrame frame : stack.getFrames()) {
        String type = frame.getMethod().getType().getName();
        if (!type.startsWith("java.") && !type.startsWith("jdk.") && !type.startsWith("sun.")) {
          allocByCaller.merge(name(frame.getMethod()), weight, Long::sum);
          break;
        }
      }
    }

    /** The chain of callers below the first frame matching {@link #callersOf}, innermost first. */
    private void callers(List<RecordedFrame> frames, long weight, Map<String, Long> into) {
      if (callersOf == null) return;
      for (int i = 0; i < frames.size(); i++) {
        if (name(frames.get(i).getMethod()).contains(callersOf)) {
          StringBuilder chain = new StringBuilder(name(frames.get(i).getMethod()));
          for (int j = i + 1; j < Math.min(frames.size(), i + 1 + depth); j++) {
            chain.append("\n                         <- ").append(name(frames.get(j).getMethod()));
          }
          into.merge(chain.toString(), weight, Long::sum);
          return;
        }
      }
    }

    private void compilation(RecordedEvent e) {
      compilations++;
      Duration took = e.getDuration();
      compileTime = compileTime.plus(took);
      int level = e.getInt("compileLevel");
      compilationsByLevel.merge(level, 1, Integer::sum);
      compileTimeByLevel.merge(level, took, Duration::plus);
      RecordedMethod method = e.getValue("method");
      compilationsByPackage.merge(packageOf(method), 1, Integer::sum);
      compileTimeByMethod.merge(name(method) + " (tier " + level + ")", took.toNanos(), Long::sum);
      compilationsBySecond.merge(e.getStartTime().getEpochSecond(), 1, Integer::sum);
    }

    private void deoptimization(RecordedEvent e) {
      deopts++;
      deoptByReason.merge(e.getString("reason") + " / " + e.getString("action"), 1L, Long::sum);
      RecordedMethod method = e.getValue("method");
      if (method != null) deoptByMethod.merge(name(method), 1L, Long::sum);
    }

    void print(int top, int tasks) {
      Duration span = !windows.isZero() ? windows : first == null ? Duration.ZERO : Duration.between(first, last);
      System.out.printf(Locale.ROOT, "recording: %.1f s%s%n", span.toMillis() / 1e3,
          tasks > 0 ? String.format(Locale.ROOT, ", %,d tasks", tasks) : "");
      if (cpuLoads > 0) {
        System.out.printf(Locale.ROOT, "CPU load (mean of %d readings, share of all cores): JVM user %.0f %%, JVM system %.0f %%,"
            + " whole machine %.0f %%%n", cpuLoads, 100 * jvmUser / cpuLoads, 100 * jvmSystem / cpuLoads, 100 * machine / cpuLoads);
      }

      System.out.printf(Locale.ROOT, "%n== CPU samples (jdk.ExecutionSample, Java code on Java threads): %,d%n", samples);
      table("by thread", samplesByThread, samples, top, tasks, "samples");
      table("by method itself (top frame)", self, samples, top, tasks, "samples");
      table("by method with its callees", inclusive, samples, top, tasks, "samples");
      table("itself, by package of the top frame", selfByPackage, samples, top, tasks, "samples");
      table("with callees, by io.vigil class", vigilInclusive, samples, top, tasks, "samples");

      if (callersOf != null) {
        table("callers of " + callersOf + " in CPU samples", sampleCallers, samples, 10, 0, "samples");
        table("callers of " + callersOf + " in allocations", allocCallers, allocated, 10, 0, "bytes");
      }

      System.out.printf(Locale.ROOT, "%n== allocation (jdk.ObjectAllocationSample, weights): %,.1f MB%s%n", allocated / 1048576.0,
          tasks > 0 ? String.format(Locale.ROOT, ", ~%,.0f bytes a task", allocated / (double) tasks) : "");
      table("by class", allocByClass, allocated, top, 0, "bytes");
      table("by allocating method (top frame)", allocBySite, allocated, top, 0, "bytes");
      table("by first caller outside the JDK", allocByCaller, allocated, top, 0, "bytes");
      table("by the first io.vigil method on the stack (what the memory was for)", allocByVigil, allocated, top, 0, "bytes");

      System.out.printf(Locale.ROOT, "%n== JIT: %,d compilations, %.0f ms of compiler thread time while recording%n",
          compilations, compileTime.toNanos() / 1e6);
      compilationsByLevel.forEach((level, n) -> System.out.printf(Locale.ROOT, "  tier %d: %,6d compilations, %8.0f ms%n",
          level, n, compileTimeByLevel.get(level).toNanos() / 1e6));
      if (!compilationsBySecond.isEmpty()) {
        long start = compilationsBySecond.keySet().iterator().next();
        StringBuilder perSecond = new StringBuilder();
        compilationsBySecond.forEach((second, n) -> perSecond.append(' ').append(second - start).append("s:").append(n));
        System.out.println("  compilations per second of the recording:" + perSecond);
      }
      Map<String, Long> byPackage = new HashMap<>();
      compilationsByPackage.forEach((k, v) -> byPackage.put(k, (long) v));
      table("compilations by package", byPackage, compilations, top, 0, "compilations");
      Map<String, Long> millis = new HashMap<>();
      compileTimeByMethod.forEach((k, v) -> millis.put(k, v / 1_000_000));
      table("longest compilations (ms)", millis, compileTime.toMillis(), top, 0, "ms");

      System.out.printf(Locale.ROOT, "%n== deoptimizations: %,d%n", deopts);
      table("by reason / action", deoptByReason, deopts, top, 0, "deopts");
      table("by method", deoptByMethod, deopts, top, 0, "deopts");

      System.out.printf(Locale.ROOT, "%n== GC: %d collections %s, %.0f ms in all, %.1f ms of pauses%n", gcs, gcByName,
          gcTime.toNanos() / 1e6, gcPauses.toNanos() / 1e6);
    }
  }

  private static void table(String title, Map<String, Long> counts, long total, int top, int tasks, String unit) {
    if (counts.isEmpty()) return;
    System.out.printf(Locale.ROOT, "-- %s (%s, share%s)%n", title, unit, tasks > 0 ? ", per 1,000 tasks" : "");
    counts.entrySet().stream()
        .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
        .limit(top)
        .forEach(e -> System.out.printf(Locale.ROOT, "  %,12d %5.1f %%%s  %s%n", e.getValue(),
            total == 0 ? 0 : 100.0 * e.getValue() / total,
            tasks > 0 ? String.format(Locale.ROOT, " %8.2f", 1000.0 * e.getValue() / tasks) : "", e.getKey()));
  }

  private static String name(RecordedMethod method) {
    return simple(method.getType().getName()) + "." + method.getName();
  }

  /** The class name without its package, nested classes kept ({@code RedisQueueBackend$PendingEnqueue}). */
  private static String simple(String type) {
    int lambda = type.indexOf("$$Lambda");
    if (lambda > 0) type = type.substring(0, lambda + 8); // io.vigil.queue.TaskService$$Lambda$12+0x.../123 -> TaskService$$Lambda
    return type.substring(type.lastIndexOf('.') + 1);
  }

  /** The first three parts of the package: {@code io.vertx.core}, {@code io.netty.buffer}, {@code java.util.concurrent}. */
  private static String packageOf(RecordedMethod method) {
    String type = method.getType().getName();
    String[] parts = type.split("\\.");
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < Math.min(3, parts.length - 1); i++) out.append(i == 0 ? "" : ".").append(parts[i]);
    return out.toString();
  }

  private static String threadGroup(RecordedThread thread) {
    if (thread == null) return "?";
    String name = thread.getJavaName() != null ? thread.getJavaName() : thread.getOSName();
    return name == null ? "?" : name.replaceAll("-\\d+$", "-N").replaceAll("#\\d+$", "#N");
  }
}
