/**
 * Paths into a scenario, the one syntax of `--set PATH=VALUE`, of sweep parameters, of Morris
 * parameters and of the counterfactual mechanisms.
 *
 * A path is dotted: `market.price.demandResponse`. An element of a list whose elements carry an
 * `id` is addressed by that id (`population.personas.bargain_hunter.share`,
 * `market.zones.mbare.priceLevel`); an element of any list by its index (`calendar.weekly.5`);
 * `*` stands for every element of a list (`population.personas.*.repeat`).
 *
 * Setting the `share` of one element of a list whose shares sum to 1 (the personas, the zones)
 * rescales the other elements' shares in proportion, so the shares still sum to 1 and keep their
 * ratios to each other.
 */
import { SchemaError, UsageError, isPlainObject, show } from './errors.ts';

/** One assignment: a path and its value (already parsed). */
export interface Assignment {
  path: string;
  value: unknown;
}

/** Parses a value as JSON if it is JSON (numbers, booleans, arrays, quoted strings), else as the bare string. */
export function parseValue(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    return raw;
  }
}

/** Parses `PATH=VALUE` (the first `=` splits them); throws a UsageError naming the argument. */
export function parseAssignment(arg: string, flag = '--set'): Assignment {
  const eq = arg.indexOf('=');
  if (eq <= 0) throw new UsageError(`${flag} expects PATH=VALUE, got ${show(arg)}`);
  return { path: arg.slice(0, eq).trim(), value: parseValue(arg.slice(eq + 1)) };
}

/** A location a path leads to: the container and the key in it, with the concrete path (keys and indexes). */
interface Slot {
  parent: Record<string, unknown> | unknown[];
  key: string | number;
  concrete: (string | number)[];
}

/** Where one segment leads from `node`: the matching keys (several for `*`), or an error text. */
function step(node: unknown, seg: string): (string | number)[] | string {
  if (Array.isArray(node)) {
    if (seg === '*') return node.map((_, i) => i);
    const byId = node.findIndex((e) => isPlainObject(e) && e.id === seg);
    if (byId >= 0) return [byId];
    if (/^\d+$/.test(seg) && Number(seg) < node.length) return [Number(seg)];
    const ids = node.filter((e) => isPlainObject(e) && typeof e.id === 'string').map((e) => (e as { id: string }).id);
    return ids.length > 0
      ? `no element with id ${show(seg)} (ids: ${ids.join(', ')})`
      : `no element ${show(seg)} (indexes 0-${node.length - 1})`;
  }
  if (isPlainObject(node)) {
    if (seg in node) return [seg];
    return `no key ${show(seg)} (keys: ${Object.keys(node).join(', ')})`;
  }
  return `${show(seg)} goes below a ${typeof node} value`;
}

/** Every slot `path` names in `root`; a UsageError naming the path and its first bad segment if none. */
function slots(root: Record<string, unknown>, path: string, flag: string): Slot[] {
  const segs = path.split('.');
  if (path === '' || segs.some((s) => s === ''))
    throw new UsageError(`${flag} ${path || '""'}: a path is dotted names, e.g. market.price.demandResponse`);
  let frontier: { node: unknown; concrete: (string | number)[] }[] = [{ node: root, concrete: [] }];
  const out: Slot[] = [];
  segs.forEach((seg, depth) => {
    const next: { node: unknown; concrete: (string | number)[] }[] = [];
    for (const { node, concrete } of frontier) {
      const keys = step(node, seg);
      if (typeof keys === 'string') {
        const at = segs.slice(0, depth).join('.') || 'the scenario';
        throw new UsageError(`${flag} ${path}: unknown path at ${show(seg)}: ${at} has ${keys}`);
      }
      for (const k of keys) {
        const c = [...concrete, k];
        const child = (node as Record<string | number, unknown>)[k];
        if (depth === segs.length - 1) out.push({ parent: node as Slot['parent'], key: k, concrete: c });
        else next.push({ node: child, concrete: c });
      }
    }
    frontier = next;
  });
  if (segs[0] === 'name')
    throw new UsageError(`${flag} ${path}: the scenario's name cannot be set: choose the preset with --scenario`);
  return out;
}

/**
 * A whole group of settings cannot be set: its fields are set one by one (a partial object would
 * drop the others). Values are otherwise checked by the scenario's schema after every assignment.
 */
function checkNotGroup(current: unknown, flag: string, path: string): void {
  if (isPlainObject(current)) {
    throw new UsageError(
      `${flag} ${path}: names a group of settings; set one of its fields (${Object.keys(current).join(', ')})`,
    );
  }
}

/**
 * Lists whose elements' `share`s sum to 1: setting one element's share rescales the others in
 * proportion. Any list of id'd elements with numeric shares qualifies (personas, zones).
 */
function rescaleShares(list: unknown[], index: number, share: number, flag: string, path: string): void {
  if (!(share >= 0 && share <= 1))
    throw new UsageError(`${flag} ${path}=${share}: ${path}: expected a number in [0, 1], got ${show(share)}`);
  let others = 0;
  list.forEach((e, i) => {
    if (i !== index) others += (e as { share: number }).share;
  });
  if (others <= 0 && share < 1)
    throw new UsageError(
      `${flag} ${path}: the other shares are all 0, so they cannot be rescaled to sum to ${show(1 - share)}`,
    );
  const f = others > 0 ? (1 - share) / others : 0;
  list.forEach((e, i) => {
    const el = e as { share: number };
    el.share = i === index ? share : el.share * f;
  });
}

/**
 * Applies one assignment to `scenario` in place. Types, ranges and the rest of the rules are
 * checked once, by the scenario's schema (validateScenario), after every assignment is applied.
 * Returns the concrete paths it set (['population', 'personas', 5, 'share']), for naming a later
 * validation error.
 */
export function applyAssignment(scenario: object, a: Assignment, flag = '--set'): (string | number)[][] {
  const root = scenario as Record<string, unknown>;
  const found = slots(root, a.path, flag);
  for (const s of found) {
    const current = (s.parent as Record<string | number, unknown>)[s.key];
    checkNotGroup(current, flag, a.path);
    const isShare = s.key === 'share' && typeof a.value === 'number';
    const list = isShare ? listOf(root, s.concrete) : undefined;
    if (list) {
      rescaleShares(list.items, list.index, a.value as number, flag, a.path);
    } else {
      (s.parent as Record<string | number, unknown>)[s.key] = structuredClone(a.value);
    }
  }
  return found.map((s) => s.concrete);
}

/** For [..., list, i, 'share'], the list and i when the list's elements have ids and shares summing to 1. */
function listOf(
  root: Record<string, unknown>,
  concrete: (string | number)[],
): { items: unknown[]; index: number } | undefined {
  const index = concrete[concrete.length - 2];
  if (concrete[concrete.length - 1] !== 'share' || typeof index !== 'number') return undefined;
  let node: unknown = root;
  for (const part of concrete.slice(0, -2)) node = (node as Record<string | number, unknown>)[part];
  if (
    !Array.isArray(node) ||
    !node.every((e) => isPlainObject(e) && typeof e.id === 'string' && typeof e.share === 'number')
  )
    return undefined;
  const total = node.reduce((acc: number, e) => acc + (e as { share: number }).share, 0);
  return Math.abs(total - 1) < 1e-6 ? { items: node, index } : undefined;
}

/** Reads the value at a path (the first slot when it has `*`); throws a UsageError if there is none. */
export function getPath(scenario: object, path: string, flag = '--param'): unknown {
  const [s] = slots(scenario as Record<string, unknown>, path, flag);
  return (s.parent as Record<string | number, unknown>)[s.key];
}

/**
 * Rewrites a validation error about a field that an assignment set (or something inside it), so it
 * names the assignment: `--set population.personas.bargain_hunter.repeat=1.2: population.personas.bargain_hunter.repeat: expected ...`.
 */
export function nameAssignment(
  e: unknown,
  applied: { a: Assignment; concrete: (string | number)[][] }[],
  flag = '--set',
): unknown {
  if (!(e instanceof SchemaError)) return e;
  for (const { a, concrete } of [...applied].reverse()) {
    if (concrete.some((c) => c.length <= e.path.length && c.every((seg, k) => seg === e.path[k]))) {
      return new SchemaError(
        `${flag} ${a.path}=${typeof a.value === 'string' ? a.value : JSON.stringify(a.value)}: ${e.message}`,
        e.path,
      );
    }
  }
  return e;
}
