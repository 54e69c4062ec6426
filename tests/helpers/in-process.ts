/**
 * Running the musika command line in this process (engine/cli-main.ts's main), with what it writes
 * to stdout and stderr captured: the fuzz tests run hundreds of command lines, which as child
 * processes would cost Node's start-up each.
 */
import { main } from '../../engine/index.ts';

export interface InProcessResult {
  /** The exit code main returned, or undefined when it threw (the program would print a stack trace and exit 1). */
  code: number | undefined;
  thrown?: unknown;
  stdout: string;
  stderr: string;
}

/**
 * Runs `argv` through main(). Only string writes are captured: the test runner's own messages to
 * its parent (serialized, not strings) pass through untouched.
 */
export async function runMain(argv: string[]): Promise<InProcessResult> {
  const out = process.stdout.write;
  const err = process.stderr.write;
  let stdout = '';
  let stderr = '';
  const capture = (target: typeof out, append: (s: string) => void) =>
    function (this: NodeJS.WriteStream, chunk: unknown, ...rest: unknown[]): boolean {
      if (typeof chunk === 'string') {
        append(chunk);
        return true;
      }
      return (target as (...a: unknown[]) => boolean).call(this, chunk, ...rest);
    } as typeof out;
  process.stdout.write = capture(out, (s) => (stdout += s));
  process.stderr.write = capture(err, (s) => (stderr += s));
  try {
    const code = await main(argv);
    return { code, stdout, stderr };
  } catch (thrown) {
    return { code: undefined, thrown, stdout, stderr };
  } finally {
    process.stdout.write = out;
    process.stderr.write = err;
  }
}
