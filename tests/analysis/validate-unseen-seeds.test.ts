/**
 * The default thresholds (analysis/validation/thresholds.ts) were set on seeds 42-44 of the default
 * personas run, which validate-default-seeds.test.ts checks. Thresholds tuned to three runs could
 * pass them by chance alone; here five seeds never used in setting them must pass every check at
 * the same thresholds and the same size (2,000 traders x 26 weeks), or the thresholds are wrong.
 */
import { test } from 'node:test';
import { DEFAULT_RUN, assertAllPass, validated } from './validation-fixture.ts';

for (const seed of ['101', '102', '103', '104', '105']) {
  test(`default personas run, unseen seed ${seed}: all nine checks pass at the default thresholds`, async () => {
    const { result } = await validated(`unseen-${seed}`, 'personas', DEFAULT_RUN.traders, DEFAULT_RUN.weeks, seed);
    assertAllPass(result);
  });
}
