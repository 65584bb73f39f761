package io.vigil.probe;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vigil.config.ProbeSpec;
import io.vigil.domain.health.HealthOutcome;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Free space of the file system holding {@code path} (what a non-root process may use), read on a worker thread.
 * Below either minimum it fails; below twice either minimum it is degraded, so people hear before it is full.
 */
final class DiskProbe implements Probe {
  private final Vertx vertx;
  private final ProbeSpec.Disk spec;

  DiskProbe(Vertx vertx, ProbeSpec.Disk spec) {
    this.vertx = vertx;
    this.spec = spec;
  }

  @Override
  public Future<Reading> check() {
    return vertx.executeBlocking(this::read, false);
  }

  private Reading read() {
    Path path = Path.of(spec.path());
    FileStore store;
    long total;
    long free;
    try {
      store = Files.getFileStore(path);
      total = store.getTotalSpace();
      free = store.getUsableSpace();
    } catch (NoSuchFileException e) {
      return Reading.unknown("the path '" + spec.path() + "' does not exist");
    } catch (IOException | SecurityException e) {
      return Reading.unknown("cannot read the file system of '" + spec.path() + "': " + e.getMessage());
    }
    double ratio = total == 0 ? 0 : (double) free / total;
    Map<String, Object> figures = new LinkedHashMap<>();
    figures.put("path", spec.path());
    figures.put("free_bytes", free);
    figures.put("total_bytes", total);
    figures.put("free_ratio", ratio);
    return new Reading(judge(free, ratio), figures);
  }

  HealthOutcome judge(long free, double ratio) {
    double minRatio = spec.minFreePercent() / 100;
    Verdict verdict = new Verdict();
    String freeText = Verdict.percent(ratio) + " (" + mebibytes(free) + ") free";
    if (ratio < minRatio || free < spec.minFreeBytes()) {
      verdict.fail(freeText + ", below the minimum of " + minimum());
    } else if (ratio < 2 * minRatio || free < 2 * spec.minFreeBytes()) {
      verdict.concern(freeText + ", close to the minimum of " + minimum());
    }
    return verdict.outcome();
  }

  private String minimum() {
    String percent = Verdict.percent(spec.minFreePercent() / 100);
    return spec.minFreeBytes() > 0 ? percent + " or " + mebibytes(spec.minFreeBytes()) : percent;
  }

  private static String mebibytes(long bytes) {
    return (bytes >> 20) + " MiB";
  }
}
