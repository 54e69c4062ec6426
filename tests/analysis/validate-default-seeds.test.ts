/**
 * `musika validate` on the default personas run (2,000 traders x 26 weeks), seeds 42-44: every
 * check passes. These are the seeds the default thresholds were set on
 * (analysis/validation/thresholds.ts); validate-unseen-seeds.test.ts asks the same of others.
 */
import { test } from 'node:test';
import { DEFAULT_RUN, assertAllPass, validated } from './validation-fixture.ts';

for (const seed of ['42', '43', '44']) {
  test(`default personas run (2,000 traders x 26 weeks), seed ${seed}: all nine checks pass`, async () => {
    const { result } = await validated(`default-${seed}`, 'personas', DEFAULT_RUN.traders, DEFAULT_RUN.weeks, seed);
    assertAllPass(result);
  });
}
