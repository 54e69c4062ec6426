/**
 * metrics.json's names have one definition: each measure's `describe`. It must name exactly what
 * the measure writes (families expanded per persona and category), and the README's metrics.json
 * table must list those names, measure by measure, in order.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { MEASURES } from '../../engine/run-measures.ts';
import { metricsSetup } from '../../engine/run-metrics.ts';
import { resolveScenario } from '../../engine/scenario-load.ts';

const s = resolveScenario({ preset: 'personas', traders: 100, weeks: 1, seed: 'metrics-readme' });
const setup = metricsSetup(
  s,
  14,
  s.population.personas.map(() => 1),
);

/** The names a describe string stands for: `<persona>` and `<category>` families expanded. */
function names(describe: string): string[] {
  return describe.split(', ').flatMap((name) => {
    if (name.includes('<persona>')) return setup.personaIds.map((p) => name.replace('<persona>', p));
    if (name.includes('<category>')) return setup.categoryIds.map((c) => name.replace('<category>', c));
    return [name];
  });
}

test("each measure's describe names exactly the values it writes", () => {
  for (const make of MEASURES) {
    const m = make(setup);
    assert.deepEqual(Object.keys(m.values()).sort(), names(m.describe).sort(), m.describe);
  }
});

test("the README's metrics.json table names every measure's values, in order, as describe does", () => {
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
  const section = readme.slice(readme.indexOf('### `metrics.json`'));
  const rows = section
    .slice(0, section.indexOf('\n### '))
    .split('\n')
    .filter((l) => l.startsWith('| ') && !l.startsWith('| name') && !l.startsWith('| ---'))
    .flatMap((l) => l.split('|')[1].trim().replaceAll('&lt;', '<').replaceAll('&gt;', '>').split(', '));
  // A row may hold one measure's names or part of them (stockout_rate and markdown_share are one measure).
  assert.deepEqual(
    rows,
    MEASURES.flatMap((make) => make(setup).describe.split(', ')),
  );
});
