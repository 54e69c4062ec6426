/**
 * Experiments on a real job queue (BullMQ on a redis-server started here), small runs (200 traders
 * x 1 week): a queued sweep run by two worker processes equals the local sweep byte for byte (and
 * so do a counterfactual's and a sensitivity run's CSV files), and a second attempt reuses the
 * queue's finished jobs; Ctrl-C leaves the jobs queued and the same
 * command collects them; SIGTERM lets a worker finish its run; a worker killed with SIGKILL in the
 * middle of a run loses nothing (stalled-job detection gives the run to the other worker, every row
 * once, kept runs written once); a run that throws is retried, then reported failed with its error
 * and the experiment exits 1 naming it; an unreachable Redis or a queue of another musika version
 * exits 2 with one line. Each test uses its own Redis database.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { counterfactualCommand } from '../../../engine/commands/counterfactual.ts';
import { sensitivityCommand } from '../../../engine/commands/sensitivity.ts';
import { sweepCommand } from '../../../engine/commands/sweep.ts';
import { workerCommand } from '../../../engine/commands/worker.ts';
import { QUEUE_NAME, VERSION_KEY } from '../../../engine/experiments/queue-protocol.ts';
import { ROOT, cli, type CliResult } from '../../helpers/cli.ts';
import { redisMissing, startRedis, type RedisServer } from '../../helpers/redis.ts';
import { tempDir } from '../../helpers/run.ts';

const missing = redisMissing();
const SWEEP = [
  'sweep',
  '--param',
  'market.price.demandResponse',
  '--values',
  '0,0.1,0.2',
  '--seeds',
  '2',
  '--traders',
  '200',
  '--weeks',
  '1',
];
const dir = tempDir('musika-queue-');
let redis: RedisServer;

before(async () => {
  if (!missing) redis = await startRedis();
});
after(async () => {
  // Workers first, while their Redis is still there to close against; then Redis.
  await Promise.all(workers.map((w) => w.stop()));
  await redis?.stop();
});

/** The local sweep, the reference every queued one must equal. */
let localRun: Promise<CliResult> | undefined;
const localCsv = async (): Promise<string> => {
  localRun ??= cli([...SWEEP, '--out', join(dir, 'local')]);
  const r = await localRun;
  assert.equal(r.code, 0, r.stderr);
  return readFileSync(join(dir, 'local', 'sweep.csv'), 'utf8');
};

/** A `musika worker` process whose stdout lines are collected; `waitFor` resolves on the first line matching. */
class WorkerProcess {
  readonly child: ChildProcess;
  lines: string[] = [];
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  private watchers: { re: RegExp; resolve: (line: string) => void }[] = [];

  constructor(args: string[], env: Record<string, string> = {}) {
    this.child = spawn(process.execPath, ['engine/bin.mjs', 'worker', ...args], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, ...env },
    });
    let buf = '';
    this.child.stdout!.setEncoding('utf8').on('data', (d: string) => {
      buf += d;
      for (let i = buf.indexOf('\n'); i >= 0; i = buf.indexOf('\n')) {
        const line = buf.slice(0, i);
        buf = buf.slice(i + 1);
        this.lines.push(line);
        const matched = this.watchers.filter((w) => w.re.test(line));
        this.watchers = this.watchers.filter((w) => !matched.includes(w));
        for (const w of matched) w.resolve(line);
      }
    });
    this.child.stderr!.setEncoding('utf8').on('data', (d: string) => this.lines.push(`stderr: ${d.trim()}`));
    this.exited = new Promise((resolve) => this.child.on('exit', (code, signal) => resolve({ code, signal })));
  }

  waitFor(re: RegExp): Promise<string> {
    const seen = this.lines.find((l) => re.test(l));
    return seen !== undefined ? Promise.resolve(seen) : new Promise((resolve) => this.watchers.push({ re, resolve }));
  }

  /**
   * SIGTERM, and SIGKILL if the worker has not exited 5 s later: a worker whose Redis is already
   * gone (a failed test's clean-up) cannot finish closing, and must not keep the test file alive.
   */
  async stop(): Promise<void> {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 5000);
    await this.exited;
    clearTimeout(timer);
  }
}

const workers: WorkerProcess[] = [];
const worker = (args: string[], env?: Record<string, string>): WorkerProcess => {
  const w = new WorkerProcess(args, env);
  workers.push(w);
  return w;
};

/** Runs a command as a child and sends it `signal` once its stderr matches `re`. */
function interruptWhen(args: string[], re: RegExp, signal: NodeJS.Signals): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['engine/bin.mjs', ...args], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let sent = false;
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => {
      stderr += d;
      if (!sent && re.test(stderr)) sent = child.kill(signal);
    });
    child.on('error', reject);
    child.on('close', (code, sig) => resolve({ code, signal: sig, stdout, stderr }));
  });
}

test('a queued sweep run by two workers equals the local sweep; Ctrl-C keeps the queue, a re-run collects it; SIGTERM lets a run finish', {
  skip: missing,
}, async () => {
  const url = redis.url(1);
  const out = join(dir, 'queued');
  const expected = localCsv();
  // No worker yet: the sweep queues its 6 runs and waits; Ctrl-C stops the waiting only.
  const stopped = await interruptWhen([...SWEEP, '--out', out, '--queue', url], /waiting for workers/, 'SIGINT');
  assert.equal(stopped.code, 130, stopped.stderr);
  assert.match(stopped.stderr, /musika sweep: 6 runs queued on redis:\/\/127\.0\.0\.1:\d+\/1; waiting for workers/);
  assert.match(
    stopped.stderr,
    /musika: interrupted: 0 of 6 runs done; the queued runs stay queued .* re-run the same command to collect them\n$/,
  );
  const queue = new Queue(QUEUE_NAME, { connection: { host: '127.0.0.1', port: redis.port, db: 1 } });
  try {
    assert.equal(await queue.getWaitingCount(), 6, 'the 6 runs stay queued');

    const a = worker(['--queue', url, '--concurrency', '1']);
    const b = worker(['--queue', url, '--concurrency', '1']);
    // SIGTERM while a run is in hand: a finishes it, reports it and exits 0; b does the rest.
    const started = await a.waitFor(/ started /);
    a.child.kill('SIGTERM');
    const resumed = await cli([...SWEEP, '--out', out, '--queue', url]);
    assert.equal(resumed.code, 0, resumed.stderr);
    assert.equal(readFileSync(join(out, 'sweep.csv'), 'utf8'), await expected, 'byte-identical to the local sweep');
    assert.deepEqual(await a.exited, { code: 0, signal: null }, a.lines.join('\n'));
    const job = started.split(' ')[2];
    assert.ok(
      a.lines.some((l) => l.includes(`${job} done in`)),
      `the run in hand finished: ${a.lines.join('\n')}`,
    );
    assert.ok(a.lines.some((l) => l.includes('SIGTERM: finishing the current runs')));
    for (const w of [a, b]) {
      const starts = w.lines.filter((l) => l.includes(' started ')).map((l) => l.split(' ')[2]);
      for (const id of starts)
        assert.ok(
          w.lines.some((l) => l.includes(`${id} done in`)),
          `${id} finished`,
        );
    }
    const counts = await queue.getJobCounts('completed', 'failed', 'wait', 'active', 'delayed');
    assert.deepEqual(counts, { completed: 6, failed: 0, wait: 0, active: 0, delayed: 0 }, 'each run once');

    // Enqueueing the same experiment again runs nothing: its finished jobs are reused.
    const again = await cli([...SWEEP, '--out', join(dir, 'again'), '--queue', url]);
    assert.equal(again.code, 0, again.stderr);
    assert.match(again.stdout, /6 runs \(6 reused\)/);
    assert.equal(readFileSync(join(dir, 'again', 'sweep.csv'), 'utf8'), await expected);
    assert.equal((await queue.getJobCounts('completed')).completed, 6, 'no job added');

    // Counterfactual and sensitivity go through the same runner: the same bytes too (in-process, two runs each).
    const quiet = { stdout: () => {}, stderr: () => {} };
    const params = join(dir, 'params.json');
    writeFileSync(params, JSON.stringify({ parameters: [{ path: 'market.price.demandResponse', min: 0, max: 0.2 }] }));
    const size = ['--traders', '200', '--weeks', '1'];
    const experiments: [string, (argv: string[], io: typeof quiet) => Promise<number>, string[]][] = [
      ['counterfactual.csv', counterfactualCommand, ['--without', 'stock', '--seeds', '1', ...size]],
      ['sensitivity.csv', sensitivityCommand, ['--params', params, '--trajectories', '1', ...size]],
    ];
    for (const [file, command, args] of experiments) {
      const local = join(dir, `local-${file}`);
      const queued = join(dir, `queued-${file}`);
      // Locally one run at a time: the suite runs two test files at once on two cores.
      assert.equal(await command([...args, '--parallel', '1', '--out', local], quiet), 0);
      assert.equal(await command([...args, '--out', queued, '--queue', url], quiet), 0);
      assert.equal(
        readFileSync(join(queued, file), 'utf8'),
        readFileSync(join(local, file), 'utf8'),
        `${file} byte-identical`,
      );
      assert.equal(
        readFileSync(join(queued, 'runs.csv'), 'utf8'),
        readFileSync(join(local, 'runs.csv'), 'utf8'),
        `runs.csv of ${file}`,
      );
    }
    await b.stop();
    assert.equal(b.child.exitCode, 0);
  } finally {
    await queue.close();
  }
});

test('a worker killed with SIGKILL in the middle of a run: the other takes the run again, every row once, kept runs written once', {
  skip: missing,
}, async () => {
  const url = redis.url(2);
  const out = join(dir, 'killed');
  const expected = localCsv();
  // a dies (a real SIGKILL) as day 2 of its first run starts; short locks so b notices within seconds.
  const a = worker(['--queue', url, '--concurrency', '1', '--lock-seconds', '2'], { MUSIKA_FAULT: 'kill-at-day:2' });
  const b = worker(['--queue', url, '--concurrency', '1', '--lock-seconds', '2']);
  const r = await cli([...SWEEP, '--out', out, '--queue', url, '--keep-runs']);
  assert.equal(r.code, 0, r.stderr);
  const killed = await a.exited;
  assert.equal(killed.signal, 'SIGKILL', a.lines.join('\n'));
  const lost = a.lines.find((l) => l.includes(' started '))!.split(' ')[2];
  assert.ok(!a.lines.some((l) => l.includes(' done in')), 'a finished nothing');
  assert.ok(
    b.lines.some((l) => l.includes(`${lost} started`)),
    `b took ${lost} again: ${b.lines.join('\n')}`,
  );
  assert.equal(
    readFileSync(join(out, 'sweep.csv'), 'utf8'),
    await expected,
    'every row once, byte-identical to the local sweep',
  );
  assert.equal(readdirSync(join(out, 'journal')).length, 6);
  const kept = readdirSync(join(out, 'runs'))
    .filter((d) => d !== '.partial')
    .sort();
  assert.equal(kept.length, 6);
  for (const d of kept) assert.ok(existsSync(join(out, 'runs', d, 'manifest.json')), `${d} finished`);
  await b.stop();
});

test('a run that throws is retried with back-off, then reported failed with its error; the experiment exits 1 naming it', {
  skip: missing,
}, async () => {
  const url = redis.url(3);
  const out = join(dir, 'failing');
  const w = worker(['--queue', url, '--concurrency', '2'], { MUSIKA_FAULT: 'fail-run:43' });
  const args = [
    'sweep',
    '--param',
    'market.price.demandResponse',
    '--values',
    '0,0.1',
    '--seeds',
    '2',
    '--traders',
    '200',
    '--weeks',
    '1',
  ];
  const r = await cli([...args, '--out', out, '--queue', url, '--attempts', '2']);
  assert.equal(r.code, 1, r.stderr);
  assert.match(
    r.stderr,
    /musika sweep: 2 runs failed: value=0,seed=43 \(injected failure for seed 43\); value=0\.1,seed=43 \(injected failure for seed 43\)\n$/,
  );
  const rows = readFileSync(join(out, 'sweep.csv'), 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((l) => l.split(',').slice(0, 4).join(','));
  assert.deepEqual(rows, [
    '0,42,ok,',
    '0,43,failed,injected failure for seed 43',
    '0.1,42,ok,',
    '0.1,43,failed,injected failure for seed 43',
  ]);
  const queue = new Queue(QUEUE_NAME, { connection: { host: '127.0.0.1', port: redis.port, db: 3 } });
  try {
    const failed = await queue.getFailed();
    assert.equal(failed.length, 2);
    for (const job of failed) {
      assert.equal(job.attemptsMade, 2, 'tried twice');
      assert.equal(job.failedReason, 'injected failure for seed 43');
    }
  } finally {
    await queue.close();
  }
  assert.equal(w.lines.filter((l) => / started \(attempt 2 of 2\)/.test(l)).length, 2, w.lines.join('\n'));
  await w.stop();
});

test('an unreachable Redis, a bad --queue and a queue of another musika version: exit 2, one line', {
  skip: missing,
}, async () => {
  const out = join(dir, 'bad');
  const quiet = { stdout: () => {}, stderr: () => {} };
  /** The command's UsageError, in-process (no process start-up to pay); the exit code is checked once below. */
  const rejects = async (run: () => Promise<number>, re: RegExp): Promise<void> => {
    await assert.rejects(run(), (e: Error) => {
      assert.equal(e.name, 'UsageError', e.message);
      assert.match(e.message, re);
      return true;
    });
  };
  const closed = `redis://127.0.0.1:${redis.port === 65535 ? 1 : redis.port + 1}`;
  const unreachable = /^--queue redis:\/\/127\.0\.0\.1:\d+\/0: cannot reach Redis \(ECONNREFUSED\)$/;
  await rejects(() => sweepCommand([...SWEEP.slice(1), '--out', out, '--queue', closed], quiet), unreachable);
  await rejects(() => workerCommand(['--queue', closed]), unreachable);
  await rejects(
    () => sweepCommand([...SWEEP.slice(1), '--out', out, '--queue', 'http://127.0.0.1:6379'], quiet),
    /^--queue expects redis:\/\/HOST:PORT\[\/DB\] \(the scheme must be redis:, not http:\), got "http:\/\/127\.0\.0\.1:6379"$/,
  );
  await rejects(
    () => sweepCommand([...SWEEP.slice(1), '--out', out, '--queue', 'redis://127.0.0.1:6379/x'], quiet),
    /^--queue expects .*DB must be a database number/,
  );
  await rejects(
    () => sweepCommand([...SWEEP.slice(1), '--out', out, '--queue', 'redis://127.0.0.1:6379', '--threads', '2'], quiet),
    /^--threads is for local runs; with --queue give `musika worker` --concurrency and --threads$/,
  );
  await rejects(
    () => sweepCommand([...SWEEP.slice(1), '--out', out, '--attempts', '2'], quiet),
    /^--attempts applies to runs on a queue: give --queue too$/,
  );
  const r = await cli([...SWEEP, '--out', out, '--queue', closed]);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /^musika: --queue redis:\/\/127\.0\.0\.1:\d+\/0: cannot reach Redis \(ECONNREFUSED\)\n$/);

  // A job queued by another version, as an older musika would have left it.
  const url = redis.url(4);
  const client = new Redis({ host: '127.0.0.1', port: redis.port, db: 4 });
  const queue = new Queue(QUEUE_NAME, { connection: { host: '127.0.0.1', port: redis.port, db: 4 } });
  try {
    await client.set(VERSION_KEY, '0.0.1');
    await queue.add('run', { musika: '0.0.1' }, { jobId: 'old.value=0,seed=42' });
    const other =
      /^--queue redis:\/\/127\.0\.0\.1:\d+\/4 holds 1 job of musika 0\.0\.1, and this is musika \d+\.\d+\.\d+\S*: let that version finish them, empty the queue \(redis-cli -n 4 FLUSHDB\), or give another \/DB$/;
    await rejects(() => sweepCommand([...SWEEP.slice(1), '--out', out, '--queue', url], quiet), other);
    await rejects(() => workerCommand(['--queue', url]), other);
    assert.equal(await client.get(VERSION_KEY), '0.0.1', 'the mark is left to its version');
  } finally {
    await queue.close();
    client.disconnect();
  }
  assert.ok(!existsSync(join(out, 'sweep.csv')));
});
