package io.vigil.bench;

import io.vertx.core.Future;
import io.vigil.domain.Priority;
import io.vigil.domain.Task;
import io.vigil.domain.TaskIds;
import io.vigil.queue.BackendSettings;
import io.vigil.queue.ClaimedTask;
import io.vigil.queue.Completion;
import io.vigil.queue.EnqueueResult;
import io.vigil.queue.NewTask;
import io.vigil.queue.Settlement;
import io.vigil.queue.memory.MemoryQueueBackend;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The memory backend on its own, called directly from one thread (no Vert.x, no bus, no JSON): enqueue
 * {@code --tasks} noop tasks in batches of {@code --batch}, then claim {@code --claim} at a time and ack each
 * claim, until the queue is empty. This is the floor under {@link QueueEngineBench}: the difference between
 * the two is the engine's overhead (bus, JSON parsing and replies, runner, settler). Besides wall-clock rates it
 * reports tasks per CPU second of the calling thread, which other load on a shared machine disturbs far less.
 *
 * <p>Usage: {@code java -cp target/vigil.jar:bench/out io.vigil.bench.MemoryBackendBench
 * [--tasks 200000] [--batch 1000] [--claim 50] [--warmup 200000]}
 */
public final class MemoryBackendBench {
  private static final String QUEUE = "default";

  private MemoryBackendBench() {}

  public static void main(String[] args) {
    int tasks = BenchSupport.intArg(args, "--tasks", 200_000);
    int batch = BenchSupport.intArg(args, "--batch", 1_000);
    int claim = BenchSupport.intArg(args, "--claim", 50);
    int warmup = BenchSupport.intArg(args, "--warmup", 200_000);
    if (warmup > 0) {
      round(warmup, batch, claim, false);
    }
    round(tasks, batch, claim, true);
  }

  private static void round(int total, int batchSize, int claimSize, boolean report) {
    Clock clock = Clock.systemUTC();
    // retention must hold every finished task, or the backend forgets (and uncounts) the oldest ones
    BackendSettings settings = new BackendSettings(Duration.ofDays(1),
        Map.of(QUEUE, new BackendSettings.Retention(Duration.ofDays(1), Math.max(total, 100_000) * 2)));
    long heapBase = report ? BenchSupport.heapUsedAfterGc() : 0;
    MemoryQueueBackend backend = new MemoryQueueBackend(clock, settings);
    TaskIds ids = new TaskIds(clock);

    // building the tasks (ids, records) is what TaskService does before it calls the backend; timed apart
    long t0 = System.nanoTime();
    List<List<NewTask>> batches = new ArrayList<>();
    for (int done = 0; done < total; done += batchSize) {
      int n = Math.min(batchSize, total - done);
      List<NewTask> list = new ArrayList<>(n);
      Instant now = clock.instant();
      for (int i = 0; i < n; i++) {
        Task task = Task.create(ids.next(), QUEUE, "noop", "{\"n\":" + (done + i) + "}", Priority.NORMAL, null, 5,
            null, now);
        list.add(new NewTask(task, null));
      }
      batches.add(list);
    }
    long t1 = System.nanoTime();
    long c1 = BenchSupport.threadCpuNanos();
    for (List<NewTask> list : batches) {
      EnqueueResult result = done(backend.enqueue(list));
      if (result.placed().size() != list.size()) throw new IllegalStateException("batch not placed: " + result);
    }
    long t2 = System.nanoTime();
    long c2 = BenchSupport.threadCpuNanos();
    batches = null;
    long heapAfterEnqueue = report ? BenchSupport.heapUsedAfterGc() : 0;

    long t3 = System.nanoTime();
    long c3 = BenchSupport.threadCpuNanos();
    long processed = 0;
    long claims = 0;
    Duration lease = Duration.ofSeconds(30);
    while (true) {
      List<ClaimedTask> claimed = done(backend.claim(QUEUE, claimSize, lease));
      if (claimed.isEmpty()) break;
      claims++;
      List<Completion> completions = new ArrayList<>(claimed.size());
      for (ClaimedTask c : claimed) completions.add(new Completion(c.lease(), null));
      Settlement settled = done(backend.ack(completions));
      if (settled.applied() != claimed.size()) throw new IllegalStateException("ack refused: " + settled);
      processed += claimed.size();
    }
    long t4 = System.nanoTime();
    long c4 = BenchSupport.threadCpuNanos();
    long completed = done(backend.stats(QUEUE)).completed();
    if (processed != total || completed != total) {
      throw new IllegalStateException("processed " + processed + ", completed " + completed + ", expected " + total);
    }
    if (!report) return;
    System.out.printf("memory backend, %d tasks: build %.0f ms, enqueue %.0f ms (%d batches of %d), "
            + "claim/ack %.0f ms (%d claims of <= %d)%n", total, BenchSupport.millis(t1 - t0),
        BenchSupport.millis(t2 - t1), (total + batchSize - 1) / batchSize, batchSize, BenchSupport.millis(t4 - t3),
        claims, claimSize);
    new BenchSupport.Result("memory-backend")
        .put("build_tasks_per_s", BenchSupport.perSecond(total, t1 - t0))
        .put("enqueue_tasks_per_s", BenchSupport.perSecond(total, t2 - t1))
        .put("claim_ack_tasks_per_s", BenchSupport.perSecond(total, t4 - t3))
        // per CPU second of the calling thread: what the shared machine's other load does not change much
        .put("enqueue_tasks_per_cpu_s", BenchSupport.perSecond(total, c2 - c1))
        .put("claim_ack_tasks_per_cpu_s", BenchSupport.perSecond(total, c4 - c3))
        .put("heap_after_enqueue_mb", heapAfterEnqueue / 1048576.0)
        .put("heap_per_task_bytes", (heapAfterEnqueue - heapBase) / (double) total)
        .print();
  }

  private static <T> T done(Future<T> future) {
    if (!future.isComplete()) throw new IllegalStateException("the memory backend should answer at once");
    if (future.failed()) throw new IllegalStateException(future.cause());
    return future.result();
  }
}
