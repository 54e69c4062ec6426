/**
 * What every analysis group may use: input assertions, how numbers are written, atomic file
 * writing, loading a .ts worker. Imports nothing else in analysis.
 */
export { assertCount, assertIdArray, assertLabels, assertMatrix } from './assert.ts';
export { NOT_AVAILABLE, brief, csvNumber, fixed, integer, percent, rounded } from './number-format.ts';
export { writeFileAtomic } from './write-file.ts';
export { TS_WORKER_EXEC_ARGV } from './ts-worker.ts';
