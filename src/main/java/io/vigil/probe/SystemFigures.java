package io.vigil.probe;

import com.sun.management.OperatingSystemMXBean;
import oshi.SystemInfo;
import oshi.hardware.CentralProcessor;
import oshi.hardware.GlobalMemory;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;

/**
 * The figures the cpu and memory probes judge. The host's come from OSHI: CPU load from the kernel's tick counters
 * between two samples (so the window is the probe's interval), and available memory as the kernel counts it
 * ({@code MemAvailable}: reclaimable page cache is available; the JVM's own "free memory" counts it as used and would
 * call a healthy host full). The JVM's come from its MXBeans, which know them best: the process's CPU load and the
 * heap. In a container the JVM sees the memory limit and OSHI the host's memory: the smaller total wins, with the
 * JVM's figures for it. Blocking reads (/proc): call from a worker thread.
 */
final class SystemFigures {
  private static volatile SystemFigures shared;

  private final CentralProcessor processor;
  private final GlobalMemory memory;
  private final OperatingSystemMXBean os;

  private SystemFigures() {
    SystemInfo info = new SystemInfo();
    this.processor = info.getHardware().getProcessor();
    this.memory = info.getHardware().getMemory();
    this.os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
  }

  /** One per JVM: OSHI's start-up (native library, first reads) is paid once. */
  static SystemFigures get() {
    SystemFigures figures = shared;
    if (figures == null) {
      synchronized (SystemFigures.class) {
        if (shared == null) shared = new SystemFigures();
        figures = shared;
      }
    }
    return figures;
  }

  /** The host's CPU tick counters now: pass them to {@link #systemCpuLoadSince} on the next sample. */
  long[] cpuTicks() {
    return processor.getSystemCpuLoadTicks();
  }

  /** The host's CPU load (0..1, all cores) between {@code previousTicks} and now. */
  double systemCpuLoadSince(long[] previousTicks) {
    return processor.getSystemCpuLoadBetweenTicks(previousTicks);
  }

  /** This process's recent CPU load (0..1, all cores); negative when the JVM cannot tell. */
  double processCpuLoad() {
    return os.getProcessCpuLoad();
  }

  int cores() {
    return processor.getLogicalProcessorCount();
  }

  /** Used heap over the most it may grow to (committed when there is no maximum). */
  HeapFigures heap() {
    MemoryUsage usage = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
    long max = usage.getMax() > 0 ? usage.getMax() : usage.getCommitted();
    return new HeapFigures(usage.getUsed(), max);
  }

  /** The system's (or the container's) memory: total and available. */
  MemoryFigures system() {
    long hostTotal = memory.getTotal();
    long jvmTotal = os.getTotalMemorySize(); // the container's limit when there is one
    if (jvmTotal > 0 && jvmTotal < hostTotal) return new MemoryFigures(jvmTotal, os.getFreeMemorySize(), "container");
    return new MemoryFigures(hostTotal, memory.getAvailable(), "host");
  }

  record HeapFigures(long used, long max) {
    double ratio() {
      return max <= 0 ? 0 : (double) used / max;
    }
  }

  record MemoryFigures(long total, long available, String scope) {
    double usedRatio() {
      return total <= 0 ? 0 : (double) (total - available) / total;
    }
  }
}
