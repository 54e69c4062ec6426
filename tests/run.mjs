// `npm test`: every tests/**/*.test.ts (or the files given) bundled with esbuild, then run by
// node --test, two files at a time. Loading a test file through tsx costs its process about
// 0.3-1 CPU-s more than loading the same code as a bundle (tsx's loader resolves and transforms
// each module on a thread of its own); over the suite's 60-odd files that was about 40 of its
// CPU-seconds. Bundling them all takes under a second. Each module keeps its own import.meta.url
// (engine/bundle.mjs's ownUrls), so the tests find the repository, fixtures and workers as
// before; packages stay imports; source maps point failures at the .ts lines.
//
// Arguments that start with -- go to node --test (e.g. --test-name-pattern=...); others are test
// files. A single file is as quick through tsx: node --import tsx --test tests/x/y.test.ts.
import { spawn } from 'node:child_process';
import { readdirSync, rmSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { build } from 'esbuild';
import { ROOT, ownUrls } from '../engine/bundle.mjs';

const args = process.argv.slice(2);
const flags = args.filter((a) => a.startsWith('--'));
const given = args.filter((a) => !a.startsWith('--'));
const files =
  given.length > 0
    ? given.map((f) => relative(ROOT, resolve(f)))
    : readdirSync(join(ROOT, 'tests'), { recursive: true, encoding: 'utf8' })
        .filter((f) => f.endsWith('.test.ts'))
        .map((f) => join('tests', f))
        .sort();

// Inside the project, so the bundles' package imports resolve to its node_modules.
const out = join(ROOT, 'node_modules', '.cache', 'musika', `tests-${process.pid}`);
const clean = () => rmSync(out, { recursive: true, force: true });
try {
  await build({
    entryPoints: files.map((f) => join(ROOT, f)),
    outbase: ROOT,
    outdir: out,
    bundle: true,
    splitting: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    sourcemap: 'linked',
    logLevel: 'warning',
    plugins: [ownUrls],
  });
} catch (e) {
  clean();
  throw e;
}
const bundled = files.map((f) => join(out, f.replace(/\.ts$/, '.js')));
const child = spawn(
  process.execPath,
  ['--enable-source-maps', '--test', '--test-concurrency=2', ...flags, ...bundled],
  { cwd: ROOT, stdio: 'inherit' },
);
// Ctrl-C reaches the runner from the terminal: wait for it to stop, then clean up. A SIGTERM sent
// to this process alone (a CI timeout) is passed on.
process.on('SIGINT', () => {});
process.on('SIGTERM', () => child.kill('SIGTERM'));
child.on('exit', (code, signal) => {
  clean();
  process.exitCode = code ?? (signal ? 1 : 0);
});
