/** The experiments' CSV files: numbers written as JSON writes them (shortest exact form), text quoted when needed. */

/** null and undefined (a measure a run could not take, e.g. a persona with no traders) are empty cells. */
export type CsvValue = string | number | null | undefined;

function cell(v: CsvValue): string {
  if (v === undefined || v === null) return '';
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
  return /[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

export function toCsv(header: string[], rows: CsvValue[][]): string {
  return `${[header, ...rows].map((r) => r.map(cell).join(',')).join('\n')}\n`;
}
