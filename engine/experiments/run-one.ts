/**
 * One run of an experiment: a resolved scenario (its seed included) in, its metrics out. This is
 * the whole of a run, so the local pool's workers and a job queue's workers (issue 12) call the
 * same function with the same job, and a job carries everything it needs (no file to read).
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simulate } from '../simulate.ts';
import type { Scenario } from '../scenario.ts';
import { faultPoint } from '../fault.ts';
import { keptMetrics, partialDir, placeKeptRun } from './kept-run.ts';

export interface RunJob {
  /** The run's identity: a hash of its scenario (runId in plan.ts). */
  id: string;
  /** A readable name, also the run directory's name under --keep-runs. */
  label: string;
  scenario: Scenario;
  /** Threads for this run (the output does not depend on it). */
  threads: number;
  /** Where to keep the run directory; absent: a temporary directory, removed after the run. */
  keepDir?: string;
  /** Where to make that temporary directory (default: the system's); the runner gives DIR/tmp. */
  scratch?: string;
}

/**
 * A run's outcome measures: a flat object of named numbers (the run's metrics.json); null where a
 * run cannot take a measure (a persona with no traders).
 */
export type Metrics = Record<string, number | null>;

export interface RunOutput {
  metrics: Metrics;
  /** Wall seconds of the simulation. */
  seconds: number;
}

/**
 * Runs one job; throws if the simulation fails (the caller records the failure). A kept run whose
 * directory is already finished (its manifest says so: kept-run.ts) is not run again.
 */
export async function runOne(job: RunJob): Promise<RunOutput> {
  faultPoint('fail-run', job.scenario.seed);
  if (job.keepDir !== undefined) return keptRun(job, job.keepDir);
  if (job.scratch !== undefined) mkdirSync(job.scratch, { recursive: true });
  const dir = join(mkdtempSync(join(job.scratch ?? tmpdir(), 'musika-run-')), 'run');
  const t0 = performance.now();
  try {
    const summary = await simulate(job.scenario, dir, { threads: job.threads });
    return { metrics: summary.metrics, seconds: (performance.now() - t0) / 1000 };
  } finally {
    rmSync(join(dir, '..'), { recursive: true, force: true });
  }
}

async function keptRun(job: RunJob, keepDir: string): Promise<RunOutput> {
  const t0 = performance.now();
  const done = keptMetrics(keepDir, job.id);
  if (done !== undefined) return { metrics: done, seconds: 0 };
  const partial = partialDir(keepDir);
  rmSync(partial, { recursive: true, force: true });
  try {
    await simulate(job.scenario, partial, { threads: job.threads });
    return { metrics: placeKeptRun(partial, keepDir, job.id), seconds: (performance.now() - t0) / 1000 };
  } finally {
    rmSync(partial, { recursive: true, force: true });
  }
}

/** A metric's value when the run took it (a finite number), else undefined. */
export function metricValue(m: Metrics, name: string): number | undefined {
  const v = m[name];
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}
