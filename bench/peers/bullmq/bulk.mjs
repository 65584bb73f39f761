// Workload (a) on BullMQ: --tasks jobs added in batches of --batch (Queue.addBulk, one batch in flight) while the
// queue is paused, then resumed and processed by one Worker at --concurrency, results kept (removeOnComplete:
// false); the two phases are timed apart. One Queue and one Worker serve the unmeasured --warmup jobs first, then the
// measured ones, as in Vigil's bench (RedisQueueBench bulk: one node, queue paused, submit batches, resume).
//
//   node bulk.mjs [--tasks 50000] [--batch 1000] [--concurrency 50] [--warmup 50000]
//
// Prints one JSON line on stdout (see README.md for the keys); progress goes to stderr.
import { emit, intArg, log, openQueue, processCpuMicros, RedisCounters, round, versions } from './common.mjs';

const tasks = intArg('--tasks', 50_000);
const batch = intArg('--batch', 1_000);
const concurrency = intArg('--concurrency', 50);
const warmup = intArg('--warmup', 50_000);
const counters = new RedisCounters();

let completed = 0;
let target = 0;
let reached = () => {};
const { queue, worker } = await openQueue('a', concurrency, () => { if (++completed === target) reached(); });

async function bulk(total, phase) {
  await queue.pause();
  const done = new Promise((resolve) => { reached = resolve; });
  target = completed + total;

  const redisCpu0 = await counters.cpuSeconds();
  const commands0 = await counters.commandCalls();
  const cpu0 = processCpuMicros();
  const t0 = performance.now();
  for (let sent = 0; sent < total;) {
    const size = Math.min(batch, total - sent);
    const jobs = new Array(size);
    for (let i = 0; i < size; i++) jobs[i] = { name: 'noop', data: { n: sent + i } };
    const added = await queue.addBulk(jobs);
    if (added.length !== size) throw new Error(`addBulk placed ${added.length} of ${size}`);
    sent += size;
  }
  const t1 = performance.now();
  const cpu1 = processCpuMicros();
  const redisCpu1 = await counters.cpuSeconds();
  const commands1 = await counters.commandCalls();
  const cpu1b = processCpuMicros(); // the INFO calls' own CPU is left out of both phases

  await queue.resume();
  await done;
  const t2 = performance.now();
  const cpu2 = processCpuMicros();
  const redisCpu2 = await counters.cpuSeconds();
  const commands2 = await counters.commandCalls();

  const counts = await queue.getJobCounts('completed', 'waiting', 'active', 'failed', 'delayed');
  if (counts.completed !== completed || counts.waiting + counts.active + counts.failed + counts.delayed !== 0) {
    throw new Error(`unexpected end state: ${JSON.stringify(counts)}, ${completed} completed events`);
  }
  log(`${phase}: ${total} jobs, addBulk ${round(t1 - t0)} ms, processed in ${round(t2 - t1)} ms`);
  // each window's count includes its first commandstats call and the cpu INFO before its last
  const enqueueCommands = commands1 - commands0 - 2;
  const processCommands = commands2 - commands1 - 2;
  return {
    enqueue_per_s: round(total / ((t1 - t0) / 1000)),
    processed_per_s: round(total / ((t2 - t1) / 1000)),
    enqueue_cpu_us_per_task: round((cpu1 - cpu0) / total, 1),
    process_cpu_us_per_task: round((cpu2 - cpu1b) / total, 1),
    redis_enqueue_cpu_us_per_task: round(((redisCpu1 - redisCpu0) * 1e6) / total, 1),
    redis_process_cpu_us_per_task: round(((redisCpu2 - redisCpu1) * 1e6) / total, 1),
    commands_per_task: round((enqueueCommands + processCommands) / total, 2),
    enqueue_commands_per_task: round(enqueueCommands / total, 3),
    process_commands_per_task: round(processCommands / total, 2),
  };
}

if (warmup > 0) await bulk(warmup, 'warm-up');
const figures = await bulk(tasks, 'measured');
emit({ engine: 'bullmq', workload: 'a', tasks, batch, concurrency, warmup, ...figures, ...versions() });
await worker.close();
await queue.close();
await counters.close();
