// Helpers shared by bulk.mjs and single.mjs: arguments, the queue and its worker, Redis INFO figures, percentiles,
// the result line.
import { randomBytes } from 'node:crypto';
import { Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';

/** `--name value` from the command line, as an integer (underscores allowed: 50_000), else the default. */
export function intArg(name, fallback) {
  const at = process.argv.indexOf(name);
  if (at < 0 || at + 1 >= process.argv.length) return fallback;
  const value = Number.parseInt(process.argv[at + 1].replaceAll('_', ''), 10);
  if (!Number.isInteger(value) || value < 0) throw new Error(`${name} must be a whole number >= 0`);
  return value;
}

/** Where the Redis is: VIGIL_BENCH_REDIS_URL, the variable the Java benchmarks read too. */
export const REDIS_URL = process.env.VIGIL_BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** BullMQ's connection options for that URL (BullMQ opens its own connections from them). */
function connection() {
  const url = new URL(REDIS_URL);
  return {
    host: url.hostname,
    port: Number(url.port || 6379),
    db: url.pathname.length > 1 ? Number(url.pathname.slice(1)) : 0,
    maxRetriesPerRequest: null, // what BullMQ asks of workers' connections
  };
}

/**
 * A queue of its own for this run and one Worker on it whose jobs do nothing (as Vigil's noop handler), results kept
 * (removeOnComplete: false). `onCompleted(job)` sees each completed job; the first failure is logged.
 */
export async function openQueue(workload, concurrency, onCompleted) {
  const name = `bench-${workload}-${randomBytes(4).toString('hex')}`;
  const queue = new Queue(name, { connection: connection(), defaultJobOptions: { removeOnComplete: false, removeOnFail: false } });
  const worker = new Worker(name, async () => null, { connection: connection(), concurrency });
  let failed = 0;
  worker.on('completed', onCompleted);
  worker.on('failed', (job, error) => { if (++failed === 1) log(`job ${job?.id} failed: ${error.message}`); });
  await queue.waitUntilReady();
  await worker.waitUntilReady();
  return { queue, worker };
}

/** A side connection that reads Redis's counters (and nothing else) around the measured window. */
export class RedisCounters {
  constructor() {
    this.redis = new Redis(REDIS_URL, { lazyConnect: false });
  }

  /** CPU seconds Redis has used (used_cpu_user + used_cpu_sys), from INFO cpu. */
  async cpuSeconds() {
    const info = await this.redis.info('cpu');
    let total = 0;
    for (const line of info.split(/\r?\n/)) {
      if (line.startsWith('used_cpu_user:') || line.startsWith('used_cpu_sys:')) {
        total += Number.parseFloat(line.slice(line.indexOf(':') + 1));
      }
    }
    return total;
  }

  /** Calls of every command Redis ran (INFO commandstats; commands inside scripts count too). */
  async commandCalls() {
    const info = await this.redis.info('commandstats');
    let calls = 0;
    for (const line of info.split(/\r?\n/)) {
      const at = line.indexOf('calls=');
      if (line.startsWith('cmdstat_') && at > 0) calls += Number.parseInt(line.slice(at + 6, line.indexOf(',', at)), 10);
    }
    return calls;
  }

  close() {
    return this.redis.quit();
  }
}

/** CPU time of this whole process (every thread: V8, GC, libuv), in microseconds. */
export function processCpuMicros() {
  const { user, system } = process.cpuUsage();
  return user + system;
}

/** Nearest-rank percentile of sorted numbers. */
export function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

export function round(x, digits = 0) {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

/** The one machine-readable line: JSON on stdout. Everything else goes to stderr. */
export function emit(result) {
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

export function log(message) {
  process.stderr.write(`${message}\n`);
}

export function versions() {
  return { node: process.version };
}
