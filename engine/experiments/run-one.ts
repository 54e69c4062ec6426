/**
 * One run of an experiment: a resolved scenario (its seed included) in, its metrics out. This is
 * the whole of a run, so the local pool's workers and a job queue's workers (issue 12) call the
 * same function with the same job, and a job carries everything it needs (no file to read).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simulate, type SimulationSummary } from '../simulate.ts';
import type { Scenario } from '../scenario.ts';

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
}

/** A run's outcome measures: a flat object of named numbers (the run's metrics.json). */
export type Metrics = Record<string, number>;

export interface RunOutput {
  metrics: Metrics;
  /** Wall seconds of the simulation. */
  seconds: number;
}

/** The metrics of a finished run: simulate's summary, or its metrics.json. */
function metricsOf(summary: SimulationSummary, dir: string): Metrics {
  const fromSummary = (summary as SimulationSummary & { metrics?: Metrics }).metrics;
  if (fromSummary) return fromSummary;
  try {
    return JSON.parse(readFileSync(join(dir, 'metrics.json'), 'utf8')) as Metrics;
  } catch {
    // Until the engine writes metrics.json: what every summary has, per persona.
    const s = summary.manifest.scenario;
    const m: Metrics = { transactions: summary.transactions };
    s.population.personas.forEach((p, i) => {
      m[`items_${p.id}`] = summary.purchases[i];
      m[`spend_${p.id}`] = summary.spendCents[i] / 100;
    });
    return m;
  }
}

/** Runs one job; throws if the simulation fails (the caller records the failure). */
export async function runOne(job: RunJob): Promise<RunOutput> {
  const dir = job.keepDir ?? join(mkdtempSync(join(tmpdir(), 'musika-run-')), 'run');
  const t0 = performance.now();
  try {
    const summary = await simulate(job.scenario, dir, { threads: job.threads });
    return { metrics: metricsOf(summary, dir), seconds: (performance.now() - t0) / 1000 };
  } finally {
    if (job.keepDir === undefined) rmSync(join(dir, '..'), { recursive: true, force: true });
  }
}
