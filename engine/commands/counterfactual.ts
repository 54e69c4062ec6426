/** `musika counterfactual`: every seed with and without some mechanisms, and the paired differences. */
import { parse, str } from '../cli-args.ts';
import { UsageError } from '../errors.ts';
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
import { runCounterfactual } from '../experiments/counterfactual.ts';
import { mechanismHelp, parseMechanisms } from '../experiments/mechanisms.ts';

export const COUNTERFACTUAL_HELP = `Usage: musika counterfactual --without MECH[,MECH...] --out DIR [options]

Runs every seed twice, with the scenario as given and with the mechanisms switched off (together),
in parallel over the machine's cores. The two runs of a seed share every random stream the
mechanisms do not touch (common random numbers), so their difference is measured per seed. Writes:
  DIR/counterfactual.csv   per metric: with, without (means over the complete pairs), difference
                           (with - without, the mean paired difference), ci_low, ci_high (its 95%
                           t interval over the pairs) and pairs
  DIR/runs.csv             every run: arm, seed, status, error, metrics
  DIR/counterfactual.html  the differences, relative to the mean without, with their intervals
                           (the chart alone in DIR/counterfactual.svg)
A failed run does not stop the others; the command exits 1 at the end naming it.

Mechanisms, each switched off only through these scenario fields (the same as --set):
${mechanismHelp('  ')}

Options:
  --without MECH,...   the mechanisms to switch off (together)
${experimentHelp(5)}
  -h, --help           show this help
`;

export const counterfactualOptions = { ...experimentOptions, without: { type: 'string' } } as const;

export async function counterfactualCommand(argv: string[], deps: ExperimentDeps = {}): Promise<number> {
  const out = deps.stdout ?? stdout;
  const err = deps.stderr ?? stderr;
  const { values } = parse(argv, counterfactualOptions);
  if (values.help) {
    out(COUNTERFACTUAL_HELP);
    return 0;
  }
  const raw = str(values, 'without');
  if (!raw) throw new UsageError('--without MECH[,MECH...] is required');
  const without = parseMechanisms(raw);
  const base = readBase(values, 5);
  const t0 = performance.now();
  const r = await runCounterfactual({
    base,
    without,
    workerEntry: deps.workerEntry,
    say: (line) => err(`musika counterfactual: ${line}\n`),
  });
  out(
    `musika counterfactual: without ${without.join(', ')}, ${base.seeds.length} seeds = ${r.rows.length} runs (${r.reused} reused) in ${((performance.now() - t0) / 1000).toFixed(1)} s\n`,
  );
  const clear = r.differences.filter((d) => d.low > 0 || d.high < 0);
  out(
    `  ${clear.length} of ${r.differences.length} metrics differ beyond their 95% interval${clear.length ? `: ${clear.map((d) => d.metric).join(', ')}` : ''}\n`,
  );
  out(`  ${r.csvPath}\n  ${r.htmlPath}\n`);
  if (r.failure) {
    err(`musika counterfactual: ${r.failure}\n`);
    return 1;
  }
  return 0;
}
