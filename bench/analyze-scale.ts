/**
 * Issue 17's analysis target: `musika analyze` of a run in at most 3 times its simulation, at
 * 100k traders x 26 weeks (and, with --traders 1000000 --weeks 52 --formats parquet, the 1M case:
 * simulate plus analyze under 6 minutes, peak RSS under 4 GB). Each round simulates once per
 * format, then analyzes that run with this checkout and, with --baseline DIR, with another
 * checkout of musika (the code before a change), in alternating order from round to round so a
 * burst of load from the other tenants of this shared machine hits both alike. Every command runs
 * under `/usr/bin/time -v` (wall, user and system CPU, peak RSS); the 1-minute load average is read
 * before and after each. Saves bench/results/analyze-scale-<date>-<sha>.json.
 *
 *   npm run bench:analyze-scale                                  100k x 26, csv and parquet, 1 round
 *   npx tsx bench/analyze-scale.ts --baseline /tmp/musika-before --rounds 2
 *   npx tsx bench/analyze-scale.ts --traders 1000000 --weeks 52 --formats parquet
 *
 * Compare CPU (user + sys) as well as wall: on a loaded machine the wall time measures the
 * neighbours as much as musika.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { BenchCommand } from './lib/args.ts';
import { ROOT, gitInfo, machineInfo, markdownTable, saveResults } from './lib/common.ts';

/** One command under /usr/bin/time -v. */
interface Timed {
  wall: number;
  user: number;
  sys: number;
  cpu: number;
  peakRssMB: number;
  loadBefore: number;
  loadAfter: number;
  exitCode: number;
}

interface AnalyzeRecord extends Timed {
  code: string;
  /** analysis.json's own timings (seconds of wall, in-process). */
  stages?: { total: number; kmeans: number; predictionStrength: number; silhouette: number };
  tradersClustered?: number;
  naturalK?: number;
  ari?: number;
  silhouetteK?: number;
  maxStandardError?: number;
}

interface Round {
  round: number;
  format: string;
  simulate: Timed;
  bytes: number;
  /** The manifest's count of transactions. */
  transactions: number;
  analyze: AnalyzeRecord[];
}

const USAGE = `Usage: npx tsx bench/analyze-scale.ts [--traders 100000] [--weeks 26] [--threads 2]
  [--formats csv,parquet] [--rounds 1] [--baseline DIR] [--scratch DIR] [--note TEXT]`;

/** Runs `node engine/bin.mjs ...args` of checkout `root` under /usr/bin/time -v. */
function timed(root: string, args: string[]): Timed {
  const loadBefore = loadavg()[0];
  const r = spawnSync('/usr/bin/time', ['-v', process.execPath, join(root, 'engine', 'bin.mjs'), ...args], {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 64 << 20,
  });
  const err = r.stderr ?? '';
  const field = (name: string): string => new RegExp(`${name}: (.*)`).exec(err)?.[1]?.trim() ?? '';
  const clock = field('Elapsed \\(wall clock\\) time \\(h:mm:ss or m:ss\\)')
    .split(':')
    .map(Number)
    .reduce((a, b) => a * 60 + b, 0);
  const user = Number(field('User time \\(seconds\\)'));
  const sys = Number(field('System time \\(seconds\\)'));
  if (r.status !== 0) process.stderr.write(`${args[0]} exited ${r.status}:\n${err.slice(-2000)}\n`);
  return {
    wall: clock,
    user,
    sys,
    cpu: Math.round((user + sys) * 100) / 100,
    peakRssMB: Math.round(Number(field('Maximum resident set size \\(kbytes\\)')) / 1024),
    loadBefore,
    loadAfter: loadavg()[0],
    exitCode: r.status ?? -1,
  };
}

function duBytes(dir: string): number {
  const r = spawnSync('du', ['-sb', dir], { encoding: 'utf8' });
  return Number(r.stdout.split('\t')[0]) || 0;
}

function analyzeWith(code: string, root: string, dir: string, threads: string): AnalyzeRecord {
  const t = timed(root, ['analyze', dir, '--threads', threads]);
  const rec: AnalyzeRecord = { code, ...t };
  const path = join(dir, 'analysis', 'analysis.json');
  if (t.exitCode === 0 && existsSync(path)) {
    const a = JSON.parse(readFileSync(path, 'utf8'));
    const ps = a.predictionStrengthSetup?.seconds ?? 0;
    rec.stages = {
      total: a.seconds,
      kmeans: a.kmeans?.seconds,
      predictionStrength: ps,
      silhouette: a.sample?.seconds,
    };
    rec.tradersClustered = a.tradersClustered;
    rec.naturalK = a.naturalK;
    rec.ari = a.ari;
    rec.silhouetteK = a.silhouetteK;
    rec.maxStandardError = a.sample?.maxStandardError;
    rmSync(join(dir, 'analysis'), { recursive: true, force: true });
  }
  return rec;
}

function main(): void {
  const cli: BenchCommand = new BenchCommand('analyze-scale', USAGE);
  const values = cli.parse({
    traders: { type: 'string' },
    weeks: { type: 'string' },
    threads: { type: 'string' },
    formats: { type: 'string' },
    rounds: { type: 'string' },
    baseline: { type: 'string' },
    scratch: { type: 'string' },
    note: { type: 'string' },
  });
  // Kept as strings for the command lines they go into, once checked.
  const traders = String(cli.positive(values.traders, 'traders', 100000));
  const weeks = String(cli.positive(values.weeks, 'weeks', 26));
  const threads = String(cli.positive(values.threads, 'threads', 2));
  const formats = (values.formats ?? 'csv,parquet').split(',');
  const rounds = cli.positive(values.rounds, 'rounds', 1);
  const git = gitInfo();
  const here = `${git.sha}${git.dirty ? '+dirty' : ''}`;
  const codes: [string, string][] = [[here, ROOT]];
  if (values.baseline) codes.push([`baseline ${resolve(values.baseline)}`, resolve(values.baseline)]);
  const scratch = mkdtempSync(join(values.scratch ?? tmpdir(), 'musika-analyze-scale-'));
  const all: Round[] = [];
  try {
    for (let round = 1; round <= rounds; round++) {
      for (const format of formats) {
        const dir = join(scratch, `${format}-${round}`);
        process.stderr.write(`round ${round}, ${format}: simulate ${traders} x ${weeks} ...\n`);
        const simulate = timed(ROOT, [
          'simulate',
          ...['--traders', traders, '--weeks', weeks, '--threads', threads, '--format', format, '--out', dir],
        ]);
        const bytes = duBytes(dir);
        const manifest = join(dir, 'manifest.json');
        const transactions = existsSync(manifest) ? JSON.parse(readFileSync(manifest, 'utf8')).counts.transactions : 0;
        // Alternate which code analyzes first, round by round.
        const order = round % 2 === 1 ? codes : [...codes].reverse();
        const analyze = order.map(([code, root]) => {
          process.stderr.write(`  analyze with ${code} ...\n`);
          return analyzeWith(code, root, dir, threads);
        });
        all.push({ round, format, simulate, bytes, transactions, analyze });
        rmSync(dir, { recursive: true, force: true });
      }
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  const rows = all.flatMap((r) =>
    r.analyze.map((a) => [
      String(r.round),
      r.format,
      a.code,
      `${r.simulate.loadBefore.toFixed(1)}-${a.loadAfter.toFixed(1)}`,
      `${r.simulate.wall.toFixed(1)} / ${r.simulate.cpu.toFixed(1)}`,
      `${a.wall.toFixed(1)} / ${a.cpu.toFixed(1)}`,
      `${(a.wall / r.simulate.wall).toFixed(2)} / ${(a.cpu / r.simulate.cpu).toFixed(2)}`,
      `${r.simulate.peakRssMB} / ${a.peakRssMB}`,
      a.exitCode === 0 ? `${a.naturalK ?? '-'} / ${a.ari?.toFixed(3) ?? '-'}` : `failed (exit ${a.exitCode})`,
    ]),
  );
  process.stdout.write(
    `${markdownTable(
      [
        'round',
        'format',
        'code',
        'load',
        'simulate wall / CPU s',
        'analyze wall / CPU s',
        'ratio wall / CPU',
        'peak RSS MB sim / an',
        'natural k / ARI',
      ],
      rows,
    )}\n`,
  );
  const saved = saveResults('analyze-scale', git, {
    what: `musika analyze against musika simulate at ${traders} traders x ${weeks} weeks, seed 42, personas, --threads ${threads}, back to back; issue 17 targets: analyze <= 3x simulate (100k x 26), simulate + analyze < 6 min and peak RSS < 4 GB (1M x 52, Parquet)`,
    how: 'bench/analyze-scale.ts: /usr/bin/time -v on node engine/bin.mjs simulate ... --out DIR, then node engine/bin.mjs analyze DIR --threads T with each code in alternating order; cpu = user + sys; load = 1-minute load average before and after each command; stages are analysis.json seconds (wall, in-process)',
    note: values.note ?? '',
    machine: machineInfo(),
    commit: here,
    traders: Number(traders),
    weeks: Number(weeks),
    threads: Number(threads),
    rounds: all,
  });
  process.stdout.write(`saved ${saved}\n`);
}

main();
