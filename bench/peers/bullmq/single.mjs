// Workload (b) on BullMQ: --tasks jobs added one at a time by --producers concurrent producers (each awaits its
// Queue.add before the next), while one Worker processes them at --concurrency. Latency per job is from just
// before Queue.add to the worker's 'completed' event, which fires after the job was moved to completed in Redis
// (Vigil's bench counts the same moment: its finished fact comes after the ack script answered). One Queue and one
// Worker serve the unmeasured --warmup jobs first, then the measured ones, as one Vigil node does in its bench.
//
//   node single.mjs [--tasks 20000] [--producers 10] [--concurrency 50] [--warmup 20000]
//
// Prints one JSON line on stdout (see README.md for the keys); progress goes to stderr.
import { emit, intArg, log, openQueue, percentile, processCpuMicros, RedisCounters, round, versions } from './common.mjs';

const tasks = intArg('--tasks', 20_000);
const producers = intArg('--producers', 10);
const concurrency = intArg('--concurrency', 50);
const warmup = intArg('--warmup', 20_000);
const counters = new RedisCounters();

let onCompleted = () => {};
const { queue, worker } = await openQueue('b', concurrency, (job) => onCompleted(job));

async function single(total, phase) {
  const latencies = new Float64Array(total);
  let measured = 0;
  // the completion can arrive before the producer has its reply: whichever comes second measures
  const sentAt = new Map();
  const finishedAt = new Map();
  let completed = 0;
  let allDone;
  const done = new Promise((resolve) => { allDone = resolve; });
  onCompleted = (job) => {
    const now = performance.now();
    const sent = sentAt.get(job.id);
    if (sent === undefined) {
      finishedAt.set(job.id, now);
    } else {
      sentAt.delete(job.id);
      latencies[measured++] = now - sent;
    }
    if (++completed === total) allDone();
  };

  const redisCpu0 = await counters.cpuSeconds();
  const commands0 = await counters.commandCalls();
  const cpu0 = processCpuMicros();
  const t0 = performance.now();
  let next = 0;
  async function produce() {
    for (let n = next++; n < total; n = next++) {
      const sent = performance.now();
      const job = await queue.add('noop', { n });
      const finished = finishedAt.get(job.id);
      if (finished === undefined) {
        sentAt.set(job.id, sent);
      } else {
        finishedAt.delete(job.id);
        latencies[measured++] = finished - sent;
      }
    }
  }
  await Promise.all(Array.from({ length: producers }, produce));
  const t1 = performance.now();
  await done;
  const t2 = performance.now();
  const cpu2 = processCpuMicros();
  const redisCpu2 = await counters.cpuSeconds();
  const commands2 = await counters.commandCalls();

  const counts = await queue.getJobCounts('waiting', 'active', 'failed', 'delayed');
  if (measured !== total || counts.waiting + counts.active + counts.failed + counts.delayed !== 0) {
    throw new Error(`unexpected end state: ${JSON.stringify(counts)}, ${measured} latencies of ${total}`);
  }
  const sorted = Array.from(latencies).sort((a, b) => a - b);
  log(`${phase}: ${total} jobs by ${producers} producers: submitted in ${round(t1 - t0)} ms, all completed after `
    + `${round(t2 - t0)} ms; p50 ${round(percentile(sorted, 50), 2)} ms, p99 ${round(percentile(sorted, 99), 2)} ms`);
  return {
    end_to_end_per_s: round(total / ((t2 - t0) / 1000)),
    submitted_per_s: round(total / ((t1 - t0) / 1000)),
    p50_ms: round(percentile(sorted, 50), 2),
    p99_ms: round(percentile(sorted, 99), 2),
    max_ms: round(sorted[sorted.length - 1], 2),
    cpu_us_per_task: round((cpu2 - cpu0) / total, 1),
    redis_cpu_us_per_task: round(((redisCpu2 - redisCpu0) * 1e6) / total, 1),
    commands_per_task: round((commands2 - commands0 - 2) / total, 2), // minus this window's two INFO calls
  };
}

if (warmup > 0) await single(warmup, 'warm-up');
const figures = await single(tasks, 'measured');
emit({ engine: 'bullmq', workload: 'b', tasks, producers, concurrency, warmup, ...figures, ...versions() });
await worker.close();
await queue.close();
await counters.close();
