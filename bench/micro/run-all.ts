/**
 * Runs every bench/micro/*.bench.ts in turn (`npm run bench:micro`) and saves their reports to
 * bench/results/micro-<date>-<sha>.json.
 *
 * Each bench runs in its own process: one bench's heap, JIT state and garbage must not be measured
 * on another's clock (memory.bench.ts measures heap growth, which a shared process would blur).
 *
 *   npx tsx bench/micro/run-all.ts              all
 *   npx tsx bench/micro/run-all.ts --only rng,csv
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { ROOT, gib, gitInfo, machineInfo, saveResults } from '../lib/common.ts';
import type { BenchReport } from '../lib/micro.ts';

const { values } = parseArgs({
  options: { only: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  strict: true,
});
const dir = join(ROOT, 'bench', 'micro');
const all = readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts'))
  .sort();
const names = all.map((f) => f.replace(/\.bench\.ts$/, ''));
if (values.help) {
  process.stdout.write(`Usage: npx tsx bench/micro/run-all.ts [--only ${names.join(',')}]\n`);
  process.exit(0);
}
const only = values.only?.split(',').map((x) => x.trim());
for (const o of only ?? []) {
  if (!names.includes(o)) {
    process.stderr.write(`bench: unknown micro bench ${JSON.stringify(o)}; benches: ${names.join(', ')}\n`);
    process.exit(2);
  }
}
const files = all.filter((_f, k) => !only || only.includes(names[k]));

const git = gitInfo();
const machine = machineInfo();
const startedAt = new Date().toISOString();
process.stdout.write(
  `musika micro benches: ${machine.cpuModel} x ${machine.cpus}, ${gib(machine.totalMemBytes)} RAM, node ${machine.node}, commit ${git.sha}${git.dirty ? ' (with uncommitted changes)' : ''}\n`,
);

const tmp = mkdtempSync(join(tmpdir(), 'musika-micro-'));
const reports: BenchReport[] = [];
const failed: string[] = [];
try {
  for (const f of files) {
    process.stdout.write(`\n## ${f}\n`);
    const json = join(tmp, `${f}.json`);
    const t0 = performance.now();
    const r = spawnSync(process.execPath, ['--import', 'tsx', join(dir, f), '--json', json], {
      cwd: ROOT,
      stdio: 'inherit',
    });
    const secs = (performance.now() - t0) / 1000;
    if (r.status !== 0) {
      failed.push(f);
      process.stdout.write(
        `\n${f} FAILED (${r.error?.message ?? (r.signal ? `signal ${r.signal}` : `exit ${r.status}`)})\n`,
      );
      continue;
    }
    reports.push({ ...(JSON.parse(readFileSync(json, 'utf8')) as BenchReport), seconds: secs } as BenchReport);
  }
} finally {
  rmSync(tmp, { recursive: true, force: true });
}

const path = saveResults('micro', git, {
  kind: 'micro',
  startedAt,
  finishedAt: new Date().toISOString(),
  git,
  machine,
  failed,
  benches: reports,
});
process.stdout.write(`\nsaved ${path}${failed.length ? `; failed: ${failed.join(', ')}` : ''}\n`);
process.exitCode = failed.length ? 1 : 0;
