/**
 * Two benchmark result files side by side: the medians of each and their ratio, B / A.
 *
 *   npx tsx bench/compare.ts bench/results/macro-2026-01-01-abc1234.json bench/results/macro-2026-01-02-def5678.json
 *
 * Works for macro and million files (rows matched by case and thread count) and micro files
 * (matched by bench, group and variant). For times a ratio below 1 means B is faster; for rates
 * (txn/s, trader-h/s, ops/s) above 1 does.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { GitInfo, MachineInfo } from './lib/common.ts';
import { int, markdownTable, num } from './lib/common.ts';
import type { SummaryRow } from './lib/macro.ts';
import type { BenchReport } from './lib/micro.ts';

interface ResultFile {
  kind: 'macro' | 'million' | 'micro';
  git: GitInfo;
  machine: MachineInfo;
  startedAt: string;
  summary?: SummaryRow[];
  benches?: BenchReport[];
}

function load(path: string): ResultFile {
  let data: ResultFile;
  try {
    data = JSON.parse(readFileSync(path, 'utf8')) as ResultFile;
  } catch (e) {
    process.stderr.write(`compare: cannot read ${path}: ${(e as Error).message}\n`);
    process.exit(2);
  }
  if (!data.kind || !data.machine || !data.git) {
    process.stderr.write(`compare: ${path} is not a bench result file (no kind, machine or git)\n`);
    process.exit(2);
  }
  return data;
}

function ratio(a: number | undefined, b: number | undefined): string {
  return a === undefined || b === undefined || !(a > 0) ? '' : (b / a).toFixed(2);
}

/** Other processes' share of the CPU during the runs: a ratio between busy and idle machines measures the machines. */
function share(x: number | null | undefined): string {
  return x === null || x === undefined ? 'n/a' : `${Math.round(x * 100)}%`;
}

function describe(label: string, path: string, f: ResultFile): string {
  const m = f.machine;
  return `${label}: ${basename(path)}: ${f.kind}, commit ${f.git.sha}${f.git.dirty ? '+dirty' : ''}, ${f.startedAt}, ${m.cpuModel} x ${m.cpus}, node ${m.node}`;
}

function compareMacro(a: ResultFile, b: ResultFile): void {
  const key = (r: SummaryRow): string => `${r.case}\u0000${r.threads}`;
  const bRows = new Map((b.summary ?? []).map((r) => [key(r), r]));
  const aKeys = new Set((a.summary ?? []).map(key));
  const rows: string[][] = [];
  const both = (a.summary ?? []).filter((r) => bRows.has(key(r)));
  for (const ra of both) {
    const rb = bRows.get(key(ra))!;
    rows.push([
      ra.case,
      String(ra.threads),
      `${ra.runs}/${rb.runs}`,
      num(ra.wallSeconds),
      num(rb.wallSeconds),
      ratio(ra.wallSeconds, rb.wallSeconds),
      int(ra.txnPerSecond),
      int(rb.txnPerSecond),
      ratio(ra.txnPerSecond, rb.txnPerSecond),
      ratio(ra.traderHoursPerSecond, rb.traderHoursPerSecond),
      ratio(ra.setupSeconds, rb.setupSeconds),
      ratio(ra.shardStepSeconds, rb.shardStepSeconds),
      ratio(ra.encodeSeconds, rb.encodeSeconds),
      ratio(ra.writeSeconds, rb.writeSeconds),
      int(ra.peakRssMB),
      int(rb.peakRssMB),
      ratio(ra.peakRssMB, rb.peakRssMB),
      `${share(ra.otherCpuShare)} / ${share(rb.otherCpuShare)}`,
    ]);
  }
  const head = [
    'case',
    'threads',
    'runs A/B',
    'wall s A',
    'wall s B',
    'B/A',
    'txn/s A',
    'txn/s B',
    'B/A',
    'trader-h/s B/A',
    'set-up B/A',
    'step B/A',
    'encode B/A',
    'write+hash B/A',
    'RSS MB A',
    'RSS MB B',
    'B/A',
    "others' CPU A / B",
  ];
  process.stdout.write(`${markdownTable(head, rows)}\n`);
  const onlyA = (a.summary ?? []).filter((r) => !bRows.has(key(r))).map((r) => `${r.case}/${r.threads}T`);
  const onlyB = (b.summary ?? []).filter((r) => !aKeys.has(key(r))).map((r) => `${r.case}/${r.threads}T`);
  if (onlyA.length) process.stdout.write(`\nonly in A: ${onlyA.join(', ')}\n`);
  if (onlyB.length) process.stdout.write(`\nonly in B: ${onlyB.join(', ')}\n`);
}

function compareMicro(a: ResultFile, b: ResultFile): void {
  interface Row {
    bench: string;
    group: string;
    variant: string;
    ns: number;
    others: number | null | undefined;
  }
  const flat = (f: ResultFile): Map<string, Row> => {
    const m = new Map<string, Row>();
    for (const bench of f.benches ?? []) {
      for (const g of bench.groups) {
        for (const r of g.results)
          m.set(`${bench.bench}\u0000${g.group}\u0000${r.name}`, {
            bench: bench.bench,
            group: g.group,
            variant: r.name,
            ns: r.nsPerOp,
            others: g.otherCpuShare,
          });
      }
    }
    return m;
  };
  const fa = flat(a);
  const fb = flat(b);
  const rows: string[][] = [];
  for (const [k, ra] of fa) {
    const rb = fb.get(k);
    if (!rb) continue;
    rows.push([
      ra.bench,
      ra.group,
      ra.variant,
      num(ra.ns),
      num(rb.ns),
      ratio(ra.ns, rb.ns),
      `${share(ra.others)} / ${share(rb.others)}`,
    ]);
  }
  const head = ['bench', 'group', 'variant', 'ns/op A', 'ns/op B', 'B/A', "others' CPU A / B"];
  process.stdout.write(`${markdownTable(head, rows, [false, false, false, true, true, true, true])}\n`);
  const onlyA = [...fa.keys()].filter((k) => !fb.has(k)).map((k) => k.replace(/\u0000/g, ' / '));
  const onlyB = [...fb.keys()].filter((k) => !fa.has(k)).map((k) => k.replace(/\u0000/g, ' / '));
  if (onlyA.length) process.stdout.write(`\nonly in A: ${onlyA.join('; ')}\n`);
  if (onlyB.length) process.stdout.write(`\nonly in B: ${onlyB.join('; ')}\n`);
}

const [pa, pb, ...rest] = process.argv.slice(2);
if (!pa || !pb || rest.length > 0 || pa === '--help' || pa === '-h') {
  process.stdout.write('Usage: npx tsx bench/compare.ts A.json B.json   (ratios are B / A)\n');
  process.exit(pa && pb ? 2 : pa === '--help' || pa === '-h' ? 0 : 2);
}
const a = load(pa);
const b = load(pb);
const isMicro = (f: ResultFile): boolean => f.kind === 'micro';
if (isMicro(a) !== isMicro(b)) {
  process.stderr.write(`compare: cannot compare a ${a.kind} file with a ${b.kind} file\n`);
  process.exit(2);
}
process.stdout.write(`${describe('A', pa, a)}\n${describe('B', pb, b)}\n`);
const ma = a.machine;
const mb = b.machine;
if (ma.cpuModel !== mb.cpuModel || ma.cpus !== mb.cpus || ma.node !== mb.node) {
  process.stdout.write('WARNING: different machines or Node versions: the ratios mix code and machine.\n');
}
process.stdout.write('Medians; ratios are B / A (times: < 1 is faster; rates: > 1 is faster).\n\n');
if (isMicro(a)) compareMicro(a, b);
else compareMacro(a, b);
