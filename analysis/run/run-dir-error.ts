/** A run directory that cannot be analysed: missing, altered or malformed input. The CLI prints its message and exits 2. */
export class RunDirError extends Error {
  override name = 'RunDirError';
}
