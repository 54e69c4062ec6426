#!/usr/bin/env node
// The `musika` program: runs the command line (engine/cli.ts) from a cached bundle of the sources,
// built on first use after each change (engine/bundle.mjs), which starts about 0.3 s sooner than
// loading the TypeScript through tsx; through tsx when the bundle cannot be built.
// MUSIKA_DEBUG_BUNDLE=1 says on stderr which it ran, and why it fell back.
import { CLI_DIRS, cachedBundle } from './bundle.mjs';

const debug = process.env.MUSIKA_DEBUG_BUNDLE === '1';
let entry;
try {
  entry = await cachedBundle({ name: 'cli', entry: 'engine/cli.ts', dirs: CLI_DIRS });
} catch (e) {
  entry = undefined;
  if (debug)
    process.stderr.write(
      `musika: no bundle (${e instanceof Error ? e.message : String(e)}); running the TypeScript through tsx\n`,
    );
}
if (entry) {
  if (debug) process.stderr.write(`musika: running bundle ${entry}\n`);
  await import(entry);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('./cli.ts');
}
