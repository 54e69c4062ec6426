/** Check 1: the persona counts in traders.csv fit the configured shares (chi-square goodness of fit). */
import { chiSquareGoodnessOfFit } from '../chi-square.ts';
import type { ValidationThresholds } from '../thresholds.ts';
import { fixed, rounded } from '../../common/index.ts';
import type { CheckResult } from '../check-result.ts';
import type { RunData } from '../run-data.ts';

export function checkPersonaDistribution(d: RunData, th: ValidationThresholds['personaDistribution']): CheckResult {
  const counts = new Array<number>(d.personas.length).fill(0);
  for (let t = 0; t < d.traders; t++) counts[d.persona[t]]++;
  // One persona with a positive share leaves nothing to test: the fit is exact or impossible.
  let fit: { statistic: number; df: number; pValue: number };
  if (d.configuredShare.filter((x) => x > 0).length >= 2) fit = chiSquareGoodnessOfFit(counts, d.configuredShare);
  else {
    const exact = counts.every((k, i) => k === 0 || d.configuredShare[i] > 0);
    fit = { statistic: exact ? 0 : Infinity, df: 0, pValue: exact ? 1 : 0 };
  }
  const pass = fit.pValue >= th.minPValue;
  const shares = d.personas
    .map((p, k) => `${p} ${fixed(counts[k] / d.traders)} (${fixed(d.configuredShare[k], 2)})`)
    .join(', ');
  // Personas met in traders.csv but absent from the manifest's table (expected share 0).
  const unknown = d.personas.slice(d.manifest.scenario.population.personas.length);
  return {
    id: 'persona-distribution',
    name: 'Persona distribution',
    value: { pValue: rounded(fit.pValue), chiSquare: rounded(fit.statistic), df: fit.df },
    threshold: { minPValue: th.minPValue },
    pass,
    detail:
      `Pearson chi-square of the persona counts of ${d.traders} traders (traders.csv) against the configured shares ` +
      `(manifest scenario.population.personas[].share): chi2 = ${fixed(fit.statistic, 2)}, df ${fit.df}, p = ${fit.pValue.toPrecision(3)}; ` +
      `observed (configured) shares: ${shares}${unknown.length ? `; personas not in the manifest: ${unknown.join(', ')}` : ''}.`,
  };
}
