/** `musika simulate`: run a scenario and write a run directory. */
import { existsSync, rmSync } from 'node:fs';
import { SET_HELP, assignments, parse, positiveInt, str } from '../cli-args.ts';
import { UsageError } from '../errors.ts';
import { progressBar } from '../progress.ts';
import { resolveScenario } from '../scenario-load.ts';
import { simulate, type SimulationSummary } from '../simulate.ts';
import type { Scenario } from '../scenario.ts';

export const SIMULATE_HELP = `Usage: musika simulate --out DIR [options]

Runs the market simulation and writes DIR/traders.csv, transactions.csv, prices.csv and
manifest.json (last). Same seed and scenario give byte-identical files.

Options:
  --traders N        number of traders (default 2000)
  --weeks W          simulated weeks (default 26)
  --seed S           random seed, any string (default 42)
  --out DIR          run directory to write (required)
  --scenario NAME    personas (default), uniform (the brief's "before") or distinct (textbook personas)
  --config FILE      JSON file overriding any scenario field, e.g. {"population":{"baseVisitsPerWeek":2}}
${SET_HELP}
  --threads T        threads stepping the traders: main and T - 1 workers (default: 1 below
                     400,000 trader-weeks, else 2); the output is byte-identical for any T
  -h, --help         show this help
`;

export const simulateOptions = {
  traders: { type: 'string' },
  weeks: { type: 'string' },
  seed: { type: 'string' },
  out: { type: 'string' },
  scenario: { type: 'string' },
  config: { type: 'string' },
  threads: { type: 'string' },
  set: { type: 'string', multiple: true },
} as const;

/** Resolves the scenario from parsed flags; throws UsageError on bad input. */
export function scenarioFromFlags(values: Record<string, unknown>): Scenario {
  return resolveScenario({
    preset: str(values, 'scenario') ?? 'personas',
    configFile: str(values, 'config'),
    traders: positiveInt(values, 'traders', 50_000_000),
    weeks: positiveInt(values, 'weeks', 520),
    seed: str(values, 'seed'),
    sets: assignments(values),
  });
}

/** Runs with a progress bar; removes a directory it created if the run fails. */
export async function runWithProgress(s: Scenario, out: string, threads?: number): Promise<SimulationSummary> {
  const existed = existsSync(out);
  const bar = progressBar(`simulate ${s.name}`, s.weeks * 7, 'days');
  try {
    return await simulate(s, out, { threads, onDay: (done, _total, rows) => bar.update(done, { rows }) });
  } catch (e) {
    if (!existed) rmSync(out, { recursive: true, force: true });
    throw e;
  } finally {
    bar.stop();
  }
}

export function formatSummary(s: Scenario, r: SimulationSummary, out: string): string {
  const lines = [
    `musika simulate: scenario ${s.name}, seed ${s.seed}, ${r.traders.toLocaleString('en-US')} traders x ${s.weeks} weeks`,
    `  transactions  ${r.transactions.toLocaleString('en-US')}`,
    `  time          ${r.seconds.total.toFixed(2)} s (set-up ${r.seconds.setup.toFixed(2)} s, stepping and writing ${r.seconds.stepping.toFixed(2)} s, ${r.threads} thread${r.threads === 1 ? '' : 's'})`,
    '  spend by persona:',
  ];
  const total = r.spendCents.reduce((a, b) => a + b, 0);
  s.population.personas.forEach((p, i) => {
    const usd = (r.spendCents[i] / 100).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
    const share = total > 0 ? ((100 * r.spendCents[i]) / total).toFixed(1) : '0.0';
    lines.push(`    ${p.id.padEnd(20)} ${r.purchases[i].toLocaleString('en-US').padStart(11)} items  USD ${usd.padStart(14)}  (${share}%)`);
  });
  lines.push(`  data written to ${out}`);
  return lines.join('\n');
}

export async function simulateCommand(argv: string[]): Promise<number> {
  const { values } = parse(argv, simulateOptions);
  if (values.help) {
    process.stdout.write(SIMULATE_HELP);
    return 0;
  }
  const out = str(values, 'out');
  if (!out) throw new UsageError('--out DIR is required');
  const s = scenarioFromFlags(values);
  const r = await runWithProgress(s, out, positiveInt(values, 'threads', 64));
  process.stdout.write(`${formatSummary(s, r, out)}\n`);
  return 0;
}
