/** What every analysis group may use: input assertions and atomic file writing. Imports nothing else in analysis. */
export { assertCount, assertIdArray, assertLabels, assertMatrix } from './assert.ts';
export { csvNumber, writeFileAtomic } from './write-file.ts';
