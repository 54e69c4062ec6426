/**
 * Simulated runs shared between the test files of one `node --test` invocation. Several files
 * read the same run (the validation tests' unmutated run, say); each file is its own process, so
 * without this each would simulate it again. The first file to need a run simulates it into a
 * cache directory; the others wait for it and get their own copy, so what one file writes into its
 * run directory (validation.json, analysis/) is never seen by another.
 *
 * A cache entry is named by a hash of the scenario, the simulate options and every source the
 * output could depend on (engine/, agents/, market/, the lock file, Node's version), and lives
 * under os.tmpdir() in a directory of the test runner's process: a later `npm test` simulates
 * afresh. A detached janitor removes that directory once the runner has exited (and any left by a
 * runner that was killed). Outside the test runner (a test file run directly) nothing is shared.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import type { SimulateOptions, SimulationSummary } from '../../engine/simulate.ts';
import type { Scenario } from '../../engine/scenario.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CACHE = join(tmpdir(), 'musika-test-runs');
/** The directories whose sources decide what a simulation writes. */
const SOURCE_DIRS = ['engine', 'agents', 'market'];

let sourceDigest: string | undefined;

/** A digest of everything a run's bytes may depend on besides its scenario and options. */
function sources(): string {
  if (sourceDigest) return sourceDigest;
  const h = createHash('sha256').update(process.version);
  h.update(readFileSync(join(ROOT, 'package-lock.json')));
  for (const dir of SOURCE_DIRS) {
    const files = readdirSync(join(ROOT, dir), { recursive: true, encoding: 'utf8' })
      .filter((f) => /\.(ts|mjs|json)$/.test(f))
      .sort();
    for (const f of files) h.update(`\0${dir}/${f}\0`).update(readFileSync(join(ROOT, dir, f)));
  }
  sourceDigest = h.digest('hex');
  return sourceDigest;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * This runner's cache directory, made (with its janitor) by the first file to ask. Directories of
 * runners no longer alive are removed on the way.
 */
function runnerDir(): string {
  const runner = process.ppid;
  const dir = join(CACHE, String(runner));
  if (existsSync(dir)) return dir;
  mkdirSync(CACHE, { recursive: true });
  for (const name of readdirSync(CACHE)) {
    const pid = Number(name);
    if (Number.isInteger(pid) && pid !== runner && !alive(pid))
      rmSync(join(CACHE, name), { recursive: true, force: true });
  }
  try {
    mkdirSync(dir);
  } catch {
    return dir; // another file of this runner made it first, and its janitor with it
  }
  const janitor = `const { rmSync } = require('node:fs');
const alive = () => { try { process.kill(${runner}, 0); return true; } catch (e) { return e.code === 'EPERM'; } };
setInterval(() => { if (!alive()) { rmSync(${JSON.stringify(dir)}, { recursive: true, force: true }); process.exit(0); } }, 1000);`;
  spawn(process.execPath, ['-e', janitor], { detached: true, stdio: 'ignore' }).unref();
  return dir;
}

/** The lock's holder is gone (killed mid-simulation): the lock may be taken over. */
function abandoned(lock: string): boolean {
  try {
    return !alive(Number(readFileSync(join(lock, 'pid'), 'utf8')));
  } catch {
    return false; // no pid written yet: its holder has only just made it
  }
}

export interface SharedRun {
  /** A copy of the run directory that only the caller uses. */
  dir: string;
  /** What simulate returned when the run was made. */
  summary: SimulationSummary;
}

/**
 * Simulates `scenario` into `into` (a path that must not exist yet), or copies the run a test file
 * of this invocation already made with the same scenario, options and sources. Only the options
 * that the key records are taken: a callback (onBounds, onDay) would make a run of its own.
 */
export async function sharedRun(
  scenario: Scenario,
  into: string,
  options: Pick<SimulateOptions, 'threads' | 'format'> = {},
): Promise<SharedRun> {
  // Loaded here, not at the top: a file that imports this helper but makes no run skips the engine.
  const { simulate } = await import('../../engine/simulate.ts');
  if (!process.env.NODE_TEST_CONTEXT) return { dir: into, summary: await simulate(scenario, into, options) };
  const key = createHash('sha256')
    .update(sources())
    .update(JSON.stringify({ scenario, threads: options.threads ?? null, format: options.format ?? 'csv' }))
    .digest('hex')
    .slice(0, 24);
  const entry = join(runnerDir(), key);
  const lock = `${entry}.lock`;
  while (!existsSync(join(entry, 'summary.json'))) {
    try {
      mkdirSync(lock);
    } catch {
      if (abandoned(lock)) rmSync(lock, { recursive: true, force: true });
      else await sleep(50);
      continue;
    }
    try {
      writeFileSync(join(lock, 'pid'), String(process.pid));
      const tmp = `${entry}.${process.pid}.tmp`;
      rmSync(tmp, { recursive: true, force: true });
      const summary = await simulate(scenario, join(tmp, 'run'), options);
      writeFileSync(join(tmp, 'summary.json'), JSON.stringify(summary));
      renameSync(tmp, entry);
    } finally {
      rmSync(lock, { recursive: true, force: true });
    }
  }
  cpSync(join(entry, 'run'), into, { recursive: true });
  return { dir: into, summary: JSON.parse(readFileSync(join(entry, 'summary.json'), 'utf8')) as SimulationSummary };
}
