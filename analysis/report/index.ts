/** The run's HTML report: sums over the run, charts rendered to SVG, and the page around them. */
export { aggregateRun } from './aggregate.ts';
export type { RunAggregate } from './aggregate.ts';
export { esc, figure, page, table } from './html.ts';
export type { Cell, Section } from './html.ts';
export { renderSvg } from './render.ts';
export { writeReport } from './report.ts';
export type { ReportOptions, ReportResult } from './report.ts';
export { streamCsv } from './stream-csv.ts';
