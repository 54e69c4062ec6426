/**
 * A real Redis for the queue tests: Debian's redis-server started on a free loopback port, without
 * persistence, and stopped when the test file ends. Missing redis-server fails the tests in CI
 * (CI=true: .ci/run installs it) and skips them elsewhere with the reason printed.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';

export interface RedisServer {
  port: number;
  /** redis://127.0.0.1:PORT/DB */
  url(db: number): string;
  stop(): Promise<void>;
}

/** Why the queue tests cannot run here, or undefined when redis-server is there. Throws in CI. */
export function redisMissing(): string | undefined {
  const probe = spawnSync('redis-server', ['--version'], { encoding: 'utf8' });
  if (probe.status === 0) return undefined;
  const why = 'redis-server is not installed (apt-get install -y redis-server)';
  if (process.env.CI === 'true') throw new Error(`${why}: CI must run the queue tests (.ci/run installs it)`);
  process.stderr.write(`# skipping the queue tests: ${why}\n`);
  return why;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

/** Starts redis-server and resolves once it accepts connections (within 10 s). */
export async function startRedis(): Promise<RedisServer> {
  const port = await freePort();
  const child: ChildProcess = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const stopNow = (): void => void child.kill('SIGKILL');
  process.on('exit', stopNow);
  await new Promise<void>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(
      () => reject(new Error(`redis-server did not start on port ${port} within 10 s:\n${out}`)),
      10_000,
    );
    child.stdout!.setEncoding('utf8').on('data', (d: string) => {
      out += d;
      if (out.includes('Ready to accept connections')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`redis-server exited with ${code}:\n${out}`));
    });
  });
  child.removeAllListeners('exit');
  child.stdout!.resume();
  return {
    port,
    url: (db) => `redis://127.0.0.1:${port}/${db}`,
    stop: () =>
      new Promise((resolve) => {
        process.off('exit', stopNow);
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
