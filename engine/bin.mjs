#!/usr/bin/env node
// The `musika` program: runs the command line (engine/cli.ts) from a cached bundle of the sources,
// built on first use after each change (engine/bundle.mjs), which starts about 0.3 s sooner than
// loading the TypeScript through tsx; through tsx when the bundle cannot be built.
import { CLI_DIRS, cachedBundle } from './bundle.mjs';

let entry;
try {
  entry = await cachedBundle({ name: 'cli', entry: 'engine/cli.ts', dirs: CLI_DIRS });
} catch {
  entry = undefined;
}
if (entry) {
  await import(entry);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('./cli.ts');
}
