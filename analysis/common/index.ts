/**
 * What every analysis group may use: input assertions, how numbers are written, atomic file
 * writing. Imports nothing else in analysis.
 */
export { assertCount, assertIdArray, assertLabels, assertMatrix } from './assert.ts';
export { NOT_AVAILABLE, brief, csvNumber, fixed, integer, percent, rounded } from './number-format.ts';
export { writeFileAtomic } from './write-file.ts';
