/**
 * Errors made in one place: bad input from the user is a UsageError (exit code 2), and every input
 * checked by a schema (schema.ts files: the scenario, its overlays and --set values, thresholds
 * files, sensitivity params files, manifests read back) fails with the same one-line message:
 *
 *   population.personas.bargain_hunter.share: expected a number in [0, 1], got 1.5
 *
 * The path is written in the one path syntax of `--set` (scenario-paths.ts): list elements that
 * carry an id by their id, others by their index, `*` for a rule over every element (a sum of
 * shares), so a path in a message can be pasted into `--set PATH=VALUE`.
 */
import type { z } from 'zod';

export class UsageError extends Error {
  override name = 'UsageError';
}

/** A schema's verdict on an input: `path` is the issue's raw path (keys and indexes), for callers that map it back. */
export class SchemaError extends UsageError {
  constructor(
    message: string,
    readonly path: readonly PropertyKey[],
  ) {
    super(message);
  }
}

export function isPlainObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/** Formats a value for an error message: strings quoted, everything short. */
export function show(value: unknown): string {
  let s: string;
  if (typeof value === 'string') s = JSON.stringify(value);
  else if (Array.isArray(value)) s = `[${value.map(show).join(', ')}]`;
  else if (isPlainObject(value)) {
    try {
      s = JSON.stringify(value);
    } catch {
      s = String(value);
    }
  } else s = String(value);
  return s.length > 80 ? `${s.slice(0, 77)}...` : s;
}

/** An experiment stopped by Ctrl-C: its finished runs are kept and a re-run picks up (exit 130). */
export class Interrupted extends Error {
  override name = 'Interrupted';
}

/** A failure as one line: errors from the model are often multi-line. */
export function firstLine(e: unknown): string {
  const msg = e instanceof Error ? e.message : String(e);
  return msg.split('\n')[0].trim() || (e instanceof Error ? e.name : 'failed');
}

const SLUG = /^[a-z0-9_]+$/;

/**
 * `path` in the --set syntax, walking `root` to name list elements by their id where they have
 * a unique slug id (and the issue is not about the id itself).
 */
export function formatPath(path: readonly PropertyKey[], root: unknown): string {
  const out: string[] = [];
  let node: unknown = root;
  path.forEach((seg, k) => {
    if (typeof seg === 'number' && Array.isArray(node)) {
      const el: unknown = node[seg];
      const id = isPlainObject(el) ? el.id : undefined;
      const unique =
        typeof id === 'string' && SLUG.test(id) && node.filter((e) => isPlainObject(e) && e.id === id).length === 1;
      out.push(unique && path[k + 1] !== 'id' ? id : String(seg));
      node = el;
    } else {
      out.push(String(seg));
      node =
        isPlainObject(node) || Array.isArray(node) ? (node as Record<PropertyKey, unknown>)[seg as string] : undefined;
    }
  });
  return out.join('.');
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let node = root;
  for (const seg of path) {
    if (!(isPlainObject(node) || Array.isArray(node))) return undefined;
    node = (node as Record<PropertyKey, unknown>)[seg as string];
  }
  return node;
}

const KIND: Record<string, string> = {
  number: 'a number',
  string: 'a string',
  boolean: 'true or false',
  array: 'an array',
  object: 'an object',
  tuple: 'an array',
};

/** The rule an issue broke, for issues without a message of our own ("expected ..."). */
function rule(issue: z.core.$ZodIssue): string {
  if (issue.message.startsWith('expected ')) return issue.message;
  switch (issue.code) {
    case 'invalid_type':
      return `expected ${KIND[issue.expected] ?? issue.expected}`;
    case 'invalid_value':
      return `expected one of ${issue.values.map((v) => show(v)).join(', ')}`;
    case 'too_small':
      return `expected at least ${String(issue.minimum)}${issue.origin === 'array' ? ' elements' : ''}`;
    case 'too_big':
      return `expected at most ${String(issue.maximum)}${issue.origin === 'array' ? ' elements' : ''}`;
    default:
      return `expected ${issue.message}`;
  }
}

/**
 * Cross-field rules (shares summing to 1, a category that exists) are written with
 * `params: { crossField: true }` and, when they name a value of their own, `params: { got }`.
 * A field's own error is reported before them: it is the likelier cause.
 */
function pick(issues: readonly z.core.$ZodIssue[]): z.core.$ZodIssue {
  // An unknown key first: it is usually a misspelt known one, which is then missing too.
  return (
    issues.find((i) => i.code === 'unrecognized_keys') ??
    issues.find((i) => !(i.code === 'custom' && i.params?.crossField)) ??
    issues[0]
  );
}

/** The keys the object schema at `path` inside `schema` knows (zod 4's definitions, unwrapped as parsing does). */
function knownKeys(schema: z.core.$ZodType, path: readonly PropertyKey[]): string[] {
  let node: z.core.$ZodType | undefined = schema;
  const unwrap = (): void => {
    for (
      let def = node?._zod.def as unknown as Record<string, unknown> | undefined;
      def;
      def = node?._zod.def as unknown as Record<string, unknown> | undefined
    ) {
      const inner = (def.innerType ?? (def.type === 'pipe' ? def.in : undefined)) as z.core.$ZodType | undefined;
      if (!inner) return;
      node = inner;
    }
  };
  for (const seg of [...path, undefined]) {
    unwrap();
    const def = node?._zod.def as unknown as Record<string, unknown> | undefined;
    if (seg === undefined) return def?.type === 'object' ? Object.keys(def.shape as object) : [];
    if (def?.type === 'object') node = (def.shape as Record<string, z.core.$ZodType>)[seg as string];
    else if (def?.type === 'array') node = def.element as z.core.$ZodType;
    else if (def?.type === 'tuple') node = (def.items as z.core.$ZodType[])[seg as number];
    else if (def?.type === 'record') node = def.valueType as z.core.$ZodType;
    else return [];
  }
  return [];
}

/** One line for a schema's first issue on `input`; `label` names the input's root (e.g. "config"). */
export function describeIssues(
  error: z.ZodError,
  input: unknown,
  label = 'input',
  schema?: z.core.$ZodType,
  rootLabel = true,
): { message: string; path: PropertyKey[] } {
  const issue = pick(error.issues);
  const path = [...issue.path];
  if (issue.code === 'unrecognized_keys') {
    const where = path.length ? formatPath(path, input) : '';
    const known = schema ? knownKeys(schema, path) : [];
    const key = issue.keys[0];
    return {
      message: `${where ? `${where}.` : ''}${key}: unknown key${known.length ? ` (${where || label} has ${known.join(', ')})` : ''}`,
      path: [...path, key],
    };
  }
  const got =
    issue.code === 'custom' && issue.params && 'got' in issue.params ? issue.params.got : valueAt(input, path);
  const where = path.length ? formatPath(path, input) : rootLabel ? label : '';
  return {
    message: `${where ? `${where}: ` : ''}${rule(issue)}, got ${got === undefined && issue.code === 'invalid_type' ? 'nothing (it is missing)' : show(got)}`,
    path,
  };
}

/**
 * Parses `input` with `schema`, or throws a one-line SchemaError (a UsageError) naming the path and
 * the value; `prefix` goes before it (e.g. `--params FILE: `).
 */
export function parseInput<S extends z.ZodType>(
  schema: S,
  input: unknown,
  options: { label?: string; prefix?: string } = {},
): z.output<S> {
  const r = schema.safeParse(input);
  if (r.success) return r.data;
  // A prefix already names the input: an issue with the whole of it is "PREFIX: expected ...".
  const { message, path } = describeIssues(r.error, input, options.label, schema, options.prefix === undefined);
  throw new SchemaError(`${options.prefix ?? ''}${message}`, path);
}
