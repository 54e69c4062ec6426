/**
 * The natural-k targets of issue 14, measured as a user would (`npm run bench:natural-k`): for
 * each seed and scenario, `musika simulate` then `musika analyze`, both through the musika program,
 * and from each analysis.json the natural k (prediction strength), the ARI at it, the silhouette k
 * and the whole prediction-strength curve. Prints the README's table and saves every number to
 * bench/results/natural-k-<date>-<sha>.json.
 *
 *   npx tsx bench/natural-k.ts                                  seeds 42,43,44 x personas, uniform, distinct at 2,000 x 26
 *   npx tsx bench/natural-k.ts --seeds 42 --scenarios personas --features all
 *
 * Targets (issue 14): personas natural k in 5-8 with ARI >= 0.8 at it; uniform natural k <= 2;
 * distinct natural k in 5-8. A miss is printed as a miss.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BenchCommand } from './lib/args.ts';
import { ROOT, gitInfo, machineInfo, markdownTable, saveResults } from './lib/common.ts';

interface Row {
  scenario: string;
  seed: string;
  naturalK: number;
  ariAtNaturalK: number | null;
  silhouetteK: number;
  ariAtSilhouetteK: number;
  psAtNaturalK: number | null;
  predictionStrength: { k: number; mean: number; sd: number }[];
  silhouette: { k: number; silhouette: number; ari: number }[];
  analyzeSeconds: number;
  psSeconds: number;
  target: string;
  met: boolean;
}

const USAGE = `Usage: npx tsx bench/natural-k.ts [--seeds 42,43,44] [--scenarios personas,uniform,distinct] [--traders 2000] [--weeks 26] [--features behaviour|all] [--keep DIR]`;

function main(): void {
  const cli: BenchCommand = new BenchCommand('natural-k', USAGE);
  const values = cli.parse({
    seeds: { type: 'string' },
    scenarios: { type: 'string' },
    traders: { type: 'string' },
    weeks: { type: 'string' },
    features: { type: 'string' },
    keep: { type: 'string' },
  });
  const seeds = (values.seeds ?? '42,43,44').split(',');
  const scenarios = (values.scenarios ?? 'personas,uniform,distinct').split(',');
  // Kept as strings for the command lines they go into, once checked.
  const traders = String(cli.positive(values.traders, 'traders', 2000));
  const weeks = String(cli.positive(values.weeks, 'weeks', 26));
  const features = values.features ?? 'behaviour';
  const root = values.keep ?? mkdtempSync(join(tmpdir(), 'musika-natural-k-'));
  const git = gitInfo();
  const rows: Row[] = [];
  const musika = (...args: string[]): void => {
    execFileSync(process.execPath, [join(ROOT, 'engine', 'bin.mjs'), ...args], {
      cwd: ROOT,
      stdio: ['ignore', 'ignore', 'inherit'],
    });
  };
  try {
    for (const scenario of scenarios) {
      for (const seed of seeds) {
        const dir = join(root, `${scenario}-${seed}`);
        process.stderr.write(`${scenario} seed ${seed}: simulate, analyze ...\n`);
        musika(
          'simulate',
          '--traders',
          traders,
          '--weeks',
          weeks,
          '--seed',
          seed,
          '--scenario',
          scenario,
          '--out',
          dir,
        );
        musika('analyze', dir, '--features', features);
        const a = JSON.parse(readFileSync(join(dir, 'analysis', 'analysis.json'), 'utf8'));
        const at = (k: number): { ari: number } | undefined => a.perK.find((p: { k: number }) => p.k === k);
        const nk: number = a.naturalK;
        const target =
          scenario === 'uniform'
            ? 'natural k <= 2'
            : scenario === 'personas'
              ? 'natural k 5-8, ARI >= 0.8'
              : 'natural k 5-8';
        const ari = nk >= 2 ? at(nk)!.ari : null;
        const met =
          scenario === 'uniform' ? nk <= 2 : nk >= 5 && nk <= 8 && (scenario !== 'personas' || (ari ?? 0) >= 0.8);
        rows.push({
          scenario,
          seed,
          naturalK: nk,
          ariAtNaturalK: ari,
          silhouetteK: a.silhouetteK,
          ariAtSilhouetteK: at(a.silhouetteK)!.ari,
          psAtNaturalK: a.predictionStrength.find((p: { k: number }) => p.k === nk)?.mean ?? null,
          predictionStrength: a.predictionStrength,
          silhouette: a.perK.map((p: { k: number; silhouette: number; ari: number }) => ({
            k: p.k,
            silhouette: p.silhouette,
            ari: p.ari,
          })),
          analyzeSeconds: a.seconds,
          psSeconds: a.predictionStrengthSetup.seconds,
          target,
          met,
        });
      }
    }
  } finally {
    if (values.keep === undefined) rmSync(root, { recursive: true, force: true });
  }
  const f3 = (x: number | null): string => (x === null ? '-' : x.toFixed(3));
  const cells = (pick: (r: Row) => string): string[] =>
    scenarios.map((s) =>
      rows
        .filter((r) => r.scenario === s)
        .map(pick)
        .join(', '),
    );
  const table = markdownTable(
    ['', ...scenarios],
    [
      ['natural k (prediction strength >= 0.9)', ...cells((r) => String(r.naturalK))],
      ['mean prediction strength at it', ...cells((r) => f3(r.psAtNaturalK))],
      ['ARI at the natural k', ...cells((r) => f3(r.ariAtNaturalK))],
      ['silhouette k', ...cells((r) => String(r.silhouetteK))],
      ['ARI at the silhouette k', ...cells((r) => f3(r.ariAtSilhouetteK))],
      ['target met', ...cells((r) => (r.met ? 'yes' : 'NO'))],
    ],
  );
  const curves = rows
    .map((r) => `${r.scenario} ${r.seed}: ${r.predictionStrength.map((p) => `${p.k}:${p.mean.toFixed(2)}`).join(' ')}`)
    .join('\n');
  const saved = saveResults('natural-k', git, {
    git,
    machine: machineInfo(),
    traders,
    weeks,
    features,
    seeds,
    scenarios,
    rows,
  });
  process.stdout.write(
    `${traders} traders x ${weeks} weeks, --features ${features}, seeds ${seeds.join(', ')} (commit ${git.sha}${git.dirty ? ', dirty' : ''})\n\n${table}\n\nprediction strength per k:\n${curves}\n\nsaved to ${saved}\n`,
  );
}

main();
