/** What every analysis group may use: input assertions, atomic file writing, loading a .ts worker. Imports nothing else in analysis. */
export { assertCount, assertIdArray, assertLabels, assertMatrix } from './assert.ts';
export { csvNumber, writeFileAtomic } from './write-file.ts';
export { TS_WORKER_EXEC_ARGV } from './ts-worker.ts';
