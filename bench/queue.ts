/**
 * The job-queue benchmark: how many run jobs per second one Redis carries, with empty jobs, so the
 * queue's own cost shows (a real run of 2,000 traders x 26 weeks takes about 2 s).
 *
 * It starts Debian's redis-server on a free loopback port (no persistence, as the tests do) and
 * runs the experiments' real queue code, runOnQueue (queue-runner.ts): N jobs each carrying a
 * whole resolved scenario as a sweep's do, queued in slices of 500, collected through QueueEvents,
 * each row written to a journal as an experiment does. Two worker processes (BullMQ Workers with
 * the workers' options, concurrency 16 each) take them and return a real run's metrics at once.
 * Jobs/s is N over the wall time from the first job queued to the last row collected.
 *
 *   npm run bench:queue                 # 5,000 jobs, 3 repeats
 *   npm run bench:queue -- --quick      # 500 jobs, 1 repeat
 *
 * Results go to bench/results/queue-<date>-<commit>.json.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Queue, Worker } from 'bullmq';
import { Journal } from '../engine/experiments/journal.ts';
import { QUEUE_NAME, type QueuedRun } from '../engine/experiments/queue-protocol.ts';
import { runOnQueue } from '../engine/experiments/queue-runner.ts';
import type { PlannedRun } from '../engine/experiments/runner.ts';
import type { RunOutput } from '../engine/experiments/run-one.ts';
import { runId } from '../engine/experiments/plan.ts';
import { resolveScenario } from '../engine/scenario-load.ts';
import { startRedis } from '../tests/helpers/redis.ts';
import { BenchCommand } from './lib/args.ts';
import { ROOT, cpuTicks, gitInfo, machineInfo, median, otherCpuShare, saveResults } from './lib/common.ts';

const WORKER_CONCURRENCY = 16;

// A worker process: `tsx bench/queue.ts --empty-worker PORT` answers every job with a real run's metrics.
const at = process.argv.indexOf('--empty-worker');
if (at >= 0) {
  const port = Number(process.argv[at + 1]);
  const metrics = JSON.parse(process.argv[at + 2]) as RunOutput['metrics'];
  const worker = new Worker<QueuedRun, RunOutput>(QUEUE_NAME, async () => ({ metrics, seconds: 0 }), {
    connection: { host: '127.0.0.1', port, maxRetriesPerRequest: null },
    concurrency: WORKER_CONCURRENCY,
  });
  await worker.waitUntilReady();
  process.stdout.write('ready\n');
  process.on('SIGTERM', () => void worker.close().then(() => process.exit(0)));
} else {
  await bench();
}

async function bench(): Promise<void> {
  const usage = `Usage: npx tsx bench/queue.ts [--quick]

  --quick   500 jobs, 1 repeat (default 5,000 jobs, 3 repeats)
`;
  const quick = new BenchCommand('queue', usage).parse({ quick: { type: 'boolean' } }).quick === true;
  const jobs = quick ? 500 : 5000;
  const repeats = quick ? 1 : 3;
  const redisVersion = spawnSync('redis-server', ['--version'], { encoding: 'utf8' }).stdout.trim();
  const redis = await startRedis();
  const scratch = mkdtempSync(join(tmpdir(), 'musika-bench-queue-'));
  // A real run's metrics as the result (about 40 numbers), from the smallest real run.
  const { runOne } = await import('../engine/experiments/run-one.ts');
  const sample = resolveScenario({ preset: 'personas', traders: 100, weeks: 1, seed: '1' });
  const { metrics } = await runOne({ id: runId(sample), label: 'sample', scenario: sample, threads: 1 });
  const workers: ChildProcess[] = [];
  try {
    for (let w = 0; w < 2; w++) {
      const child = spawn(
        process.execPath,
        ['--import', 'tsx', 'bench/queue.ts', '--empty-worker', String(redis.port), JSON.stringify(metrics)],
        { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] },
      );
      workers.push(child);
      await new Promise<void>((resolve) => child.stdout!.once('data', () => resolve()));
    }
    const timings: { jobs: number; seconds: number; jobsPerSecond: number; othersCpuShare: number | null }[] = [];
    for (let r = 0; r < repeats; r++) {
      // Each repeat a new experiment (another seed list), so no job id is already there.
      const plan = new Map<string, PlannedRun>();
      for (let k = 0; k < jobs; k++) {
        const scenario = resolveScenario({ preset: 'personas', traders: 2000, weeks: 26, seed: `${r}-${k}` });
        plan.set(runId(scenario), { label: `repeat=${r},seed=${k}`, scenario });
      }
      const out = join(scratch, `repeat-${r}`);
      const identity = { kind: 'bench-queue', repeat: r, jobs };
      const journal = Journal.open(out, identity);
      const a = cpuTicks();
      const t0 = performance.now();
      await runOnQueue(
        plan,
        jobs,
        0,
        { url: redis.url(0), attempts: 3, out, identity, label: 'queue', say: () => {} },
        (row) => journal.record(row),
      );
      const seconds = (performance.now() - t0) / 1000;
      const others = otherCpuShare(a, cpuTicks());
      timings.push({ jobs, seconds, jobsPerSecond: jobs / seconds, othersCpuShare: others });
      console.log(
        `repeat ${r + 1}: ${jobs} jobs in ${seconds.toFixed(2)} s = ${Math.round(jobs / seconds)} jobs/s  others' CPU ${others === null ? 'n/a' : `${(100 * others).toFixed(0)}%`}`,
      );
    }
    const jobsPerSecond = median(timings.map((t) => t.jobsPerSecond));
    const bytes = JSON.stringify({
      scenario: resolveScenario({ preset: 'personas', traders: 2000, weeks: 26, seed: '1' }),
    }).length;
    console.log(
      `median ${Math.round(jobsPerSecond)} jobs/s (each job ${bytes.toLocaleString('en-US')} bytes of scenario; ${redisVersion.split(' ').slice(0, 3).join(' ')})`,
    );
    const queue = new Queue(QUEUE_NAME, { connection: { host: '127.0.0.1', port: redis.port } });
    const counts = await queue.getJobCounts('completed', 'failed');
    await queue.close();
    if (counts.completed !== jobs * repeats || counts.failed !== 0)
      throw new Error(`expected ${jobs * repeats} completed jobs, got ${JSON.stringify(counts)}`);
    const git = gitInfo();
    const path = saveResults(quick ? 'queue-quick' : 'queue', git, {
      git,
      machine: machineInfo(),
      redis: redisVersion,
      workers: { processes: 2, concurrency: WORKER_CONCURRENCY },
      jobBytes: bytes,
      timings,
      jobsPerSecond,
    });
    console.log(`saved ${path}`);
  } finally {
    for (const w of workers) w.kill('SIGTERM');
    await redis.stop();
    rmSync(scratch, { recursive: true, force: true });
  }
}
