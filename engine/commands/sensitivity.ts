/** `musika sensitivity`: Morris elementary effects of scenario parameters on every metric. */
import { parse, positiveInt, str } from '../cli-args.ts';
import { UsageError, show } from '../errors.ts';
// The experiment's own modules, not experiments/index.ts: through the index the bundle loads the
// queue's BullMQ and ioredis with every local experiment (0.2 CPU-s more at each start).
import {
  experimentHelp,
  experimentOptions,
  readBase,
  stderr,
  stdout,
  type ExperimentDeps,
} from '../experiments/base.ts';
import { readParams, runSensitivity } from '../experiments/sensitivity.ts';

export const SENSITIVITY_HELP = `Usage: musika sensitivity --params FILE.json --out DIR [options]

Screens scenario parameters by Morris elementary effects (Morris 1991; mu* of Campolongo et al.
2007): R trajectories through the parameters' ranges, each moving one parameter at a time, every
point run with every seed (its output is the mean over them), in parallel over the cores. Writes:
  DIR/sensitivity.csv   param, metric, mu_star (mean absolute effect: the change of the metric over
                        the parameter's whole range), sigma (sd of the effects: interactions and
                        non-linearity), mu, trajectories_used
  DIR/runs.csv          every run: trajectory, point, seed, status, error, metrics
  DIR/sensitivity.html  the parameters ranked by mu* for each metric (the chart alone in
                        DIR/sensitivity.svg)
A trajectory with a failed run is left out (trajectories_used says how many were used); the
command exits 1 at the end naming the failed runs. The design is drawn from --seed.

FILE.json: {"parameters": [{"path": "population.personas.bargain_hunter.share", "min": 0, "max": 0.4},
                           {"path": "market.price.demandResponse", "min": 0, "max": 0.2}]}
  (paths as for --set; a persona's share rescales the other personas' shares)

Options:
  --params FILE      the parameters and their ranges (required)
  --method morris    the method (only morris)
  --trajectories R   trajectories (default 10); runs = R x (parameters + 1) x seeds
  --levels P         grid levels, even (default 4); the step is P / (2 (P - 1)) of the range
${experimentHelp(1)}
  -h, --help         show this help
`;

export const sensitivityOptions = {
  ...experimentOptions,
  params: { type: 'string' },
  method: { type: 'string' },
  trajectories: { type: 'string' },
  levels: { type: 'string' },
} as const;

export async function sensitivityCommand(argv: string[], deps: ExperimentDeps = {}): Promise<number> {
  const out = deps.stdout ?? stdout;
  const err = deps.stderr ?? stderr;
  const { values } = parse(argv, sensitivityOptions);
  if (values.help) {
    out(SENSITIVITY_HELP);
    return 0;
  }
  const method = str(values, 'method') ?? 'morris';
  if (method !== 'morris') throw new UsageError(`--method must be morris, got ${show(method)}`);
  const paramsFile = str(values, 'params');
  if (!paramsFile) throw new UsageError('--params FILE.json is required');
  const trajectories = positiveInt(values, 'trajectories', 10_000) ?? 10;
  const levels = positiveInt(values, 'levels', 100) ?? 4;
  if (levels < 2 || levels % 2 !== 0)
    throw new UsageError(`--levels must be an even integer from 2 to 100, got ${show(values.levels)}`);
  const params = readParams(paramsFile);
  const base = readBase(values, 1);
  const t0 = performance.now();
  const r = await runSensitivity({
    base,
    paramsFile,
    params,
    trajectories,
    levels,
    workerEntry: deps.workerEntry,
    say: (line) => err(`musika sensitivity: ${line}\n`),
  });
  const used = r.rows[0]?.trajectories_used ?? 0;
  out(
    `musika sensitivity: ${params.length} parameters, ${trajectories} trajectories (${used} used), ${r.runs} runs (${r.reused} reused) in ${((performance.now() - t0) / 1000).toFixed(1)} s\n`,
  );
  out(`  ${r.csvPath}\n  ${r.htmlPath}\n`);
  if (r.failure) {
    err(`musika sensitivity: ${r.failure}\n`);
    return 1;
  }
  return 0;
}
