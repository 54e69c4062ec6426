/**
 * Planning runs: the seeds of an experiment and the identity of a run.
 *
 * Seeds: `--seed S --seeds N` gives N seeds, the first always S itself (so a one-seed experiment
 * reproduces `simulate --seed S`). An integer S gives S, S+1, ..., S+N-1; any other string gives
 * S, S-1, S-2, ... (suffixes), e.g. "abc", "abc-1", "abc-2".
 */
import { createHash } from 'node:crypto';
import { UsageError, show } from '../errors.ts';
import type { Scenario } from '../scenario.ts';

export function seedList(seed: string, n: number): string[] {
  const integer = /^-?\d+$/.test(seed) && Number.isSafeInteger(Number(seed));
  return Array.from({ length: n }, (_, k) => (integer ? String(Number(seed) + k) : k === 0 ? seed : `${seed}-${k}`));
}

/**
 * A run's id: a hash of its resolved scenario (seed included). Two runs with the same scenario are
 * the same run, so an experiment runs it once and a resumed experiment recognises it.
 */
export function runId(s: Scenario): string {
  return createHash('sha256').update(JSON.stringify(s)).digest('hex').slice(0, 16);
}

/** A run directory's name from its parts, safe on any filesystem. */
export function runLabel(parts: Record<string, string | number>): string {
  return Object.entries(parts)
    .map(([k, v]) => `${k}=${String(v)}`)
    .join(',')
    .replace(/[^A-Za-z0-9_.,=+-]/g, '_');
}

/** Parses `--values V1,V2,...`: each value JSON if it is JSON (numbers, booleans), else a string. */
export function parseValues(raw: string): { text: string; value: unknown }[] {
  const parts = raw.split(',').map((p) => p.trim());
  if (parts.length === 0 || parts.some((p) => p === ''))
    throw new UsageError(`--values expects V1,V2,... with no empty value, got ${show(raw)}`);
  const seen = new Set<string>();
  return parts.map((text) => {
    if (seen.has(text)) throw new UsageError(`--values lists ${show(text)} twice, got ${show(raw)}`);
    seen.add(text);
    let value: unknown = text;
    try {
      value = JSON.parse(text);
    } catch {
      // a bare string
    }
    return { text, value };
  });
}

/** Rounds away binary noise (0.30000000000000004) so a computed value prints as it would be typed. */
export function tidy(x: number): number {
  return Number(x.toPrecision(12));
}

/** Parses `--range FROM:TO:STEPS`: STEPS evenly spaced values from FROM to TO, both included. */
export function parseRange(raw: string): { text: string; value: unknown }[] {
  const m = /^([^:]+):([^:]+):([^:]+)$/.exec(raw);
  const from = m ? Number(m[1]) : NaN;
  const to = m ? Number(m[2]) : NaN;
  const steps = m ? Number(m[3]) : NaN;
  if (
    !Number.isFinite(from) ||
    !Number.isFinite(to) ||
    !Number.isSafeInteger(steps) ||
    steps < 2 ||
    steps > 10_000 ||
    from === to
  ) {
    throw new UsageError(
      `--range expects FROM:TO:STEPS with numbers FROM != TO and an integer STEPS from 2 to 10000, got ${show(raw)}`,
    );
  }
  return Array.from({ length: steps }, (_, i) => {
    const value = tidy(from + ((to - from) * i) / (steps - 1));
    return { text: String(value), value };
  });
}
