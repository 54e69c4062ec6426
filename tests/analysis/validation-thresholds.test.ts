/**
 * The validation thresholds: defaults, partial overrides, and strict rejection of a bad override
 * or file with one line naming the field and the value (analysis/validation-thresholds.ts).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  DEFAULT_THRESHOLDS,
  ThresholdsError,
  loadThresholdsFile,
  resolveThresholds,
} from '../../analysis/validation-thresholds.ts';
import { tempDir } from '../helpers/run.ts';

test('thresholds: defaults, partial overrides, strict rejection naming the field and value', () => {
  assert.deepEqual(resolveThresholds({}), DEFAULT_THRESHOLDS);
  const t = resolveThresholds({ temporal: { minWeeklyAmplitude: 0.3 } });
  assert.equal(t.temporal.minWeeklyAmplitude, 0.3);
  assert.equal(t.temporal.maxPaydayRatio, DEFAULT_THRESHOLDS.temporal.maxPaydayRatio);
  assert.equal(DEFAULT_THRESHOLDS.temporal.minWeeklyAmplitude, 0.25, 'defaults are not modified');
  // One line in the schema's format (engine/errors.ts): the field's path, the rule, the value.
  const message = (override: unknown): string => {
    try {
      resolveThresholds(override);
    } catch (e) {
      assert.ok(e instanceof ThresholdsError, String(e));
      return e.message;
    }
    return assert.fail(`${JSON.stringify(override)} was accepted`);
  };
  assert.match(message({ tempo: {} }), /^thresholds: tempo: unknown key/);
  assert.match(message({ temporal: { minWeekly: 1 } }), /^thresholds: temporal\.minWeekly: unknown key/);
  assert.equal(
    message({ temporal: { minWeeklyAmplitude: '0.3' } }),
    'thresholds: temporal.minWeeklyAmplitude: expected a number in [0, 7], got "0.3"',
  );
  assert.equal(message({ temporal: 3 }), 'thresholds: temporal: expected an object, got 3');
  assert.equal(
    message({ lifecycle: { minTraders: 2.5 } }),
    'thresholds: lifecycle.minTraders: expected an integer in [1, 1000000000], got 2.5',
  );
  assert.equal(
    message({ personaDistribution: { minPValue: 2 } }),
    'thresholds: personaDistribution.minPValue: expected a number in [0, 1], got 2',
  );
  assert.equal(message([1]), 'thresholds: expected a JSON object, got [1]');
  const dir = tempDir('musika-thresholds-');
  writeFileSync(join(dir, 'bad.json'), '{"temporal": ');
  assert.throws(() => loadThresholdsFile(join(dir, 'bad.json')), /is not valid JSON/);
  assert.throws(
    () => loadThresholdsFile(join(dir, 'missing.json')),
    /thresholds file not found or unreadable: ".*missing.json"/,
  );
});
