/**
 * Running a phase on every shard. Shard 0 runs on the calling (main) thread; the others, if any,
 * each run one long ShardTask loop in a piscina worker (shard-worker.ts), released through the
 * barrier in worker-protocol.ts. One thread is therefore the same engine with one shard, and T
 * threads are T threads: main is one of them, so on a 2-core machine two threads never compete
 * with a third for the cores (measured in bench/README.md).
 */
import { Piscina } from 'piscina';
import { ShardTask, type ShardTaskInit } from './shard-task.ts';
import { Control, Phase, allArrived, release } from './worker-protocol.ts';

/**
 * The error a worker shard's task rejected with. A worker that throws gives its own error; one that
 * dies (process.exit in it, or a crash) gives piscina's "worker exited with code: N", which names
 * no shard, so the shard is added. Either way the rejection flags the failure at once, so the
 * barrier wait (allArrived) stops: a dead shard never arrives.
 */
function shardError(shard: number, e: unknown): Error {
  const err = e instanceof Error ? e : new Error(String(e));
  if (/^worker exited with code/i.test(err.message))
    return new Error(`shard ${shard}'s worker thread died: ${err.message}`, { cause: err });
  return err;
}

export class ShardRunner {
  private inline: ShardTask | undefined;
  private readonly pool: Piscina | undefined;
  private readonly done: Promise<unknown> = Promise.resolve();
  private error: Error | undefined;
  private readonly control: Int32Array;
  private readonly workers: number;

  /** `entry` is the worker module's URL (worker-bundle.ts); needed when there is more than one shard. */
  constructor(
    private readonly inits: ShardTaskInit[],
    entry?: string,
  ) {
    this.control = inits[0].shared.control;
    this.workers = inits.length - 1;
    if (this.workers === 0) return;
    if (!entry) throw new Error('ShardRunner: worker shards need a worker entry');
    this.pool = new Piscina({
      filename: entry,
      minThreads: this.workers,
      maxThreads: this.workers,
      idleTimeout: 1000,
      // Neither entry needs the parent's loader flags (the tsx one registers tsx itself).
      execArgv: [],
    });
    this.done = Promise.all(
      inits.slice(1).map((init, k) =>
        this.pool!.run(init).catch((e: unknown) => {
          this.error ??= shardError(k + 1, e);
          Atomics.store(this.control, Control.failed, 1);
          Atomics.notify(this.control, Control.arrived);
        }),
      ),
    );
  }

  /**
   * Releases a phase to the worker shards, then runs shard 0's part on this thread before
   * returning; wait() then waits for the workers. Work main does between start() and wait()
   * overlaps the workers only.
   */
  start(phase: number, day: number, hour = 0): void {
    if (this.workers > 0) release(this.control, phase, day, hour);
    // Built on first use: the population is spawned after the runner is made.
    this.inline ??= new ShardTask(this.inits[0]);
    try {
      this.inline.run(phase, day, hour);
    } catch (e) {
      Atomics.store(this.control, Control.failed, 1);
      throw e;
    }
  }

  /** Whether some worker shard is still in the phase last started. */
  busy(): boolean {
    return (
      this.workers > 0 &&
      Atomics.load(this.control, Control.arrived) < this.workers &&
      Atomics.load(this.control, Control.failed) === 0
    );
  }

  /**
   * Resolves when every worker shard has finished the phase last started. If one failed, the
   * others are stopped and the failing worker's own error is thrown (piscina reports it a little
   * after the worker flags the failure, so it is awaited).
   */
  async wait(): Promise<void> {
    if (this.workers === 0) return;
    try {
      await allArrived(this.control, this.workers, () => this.error);
    } catch (e) {
      this.stopWorkers();
      await this.done;
      throw this.error ?? e;
    }
  }

  /** Ends the shards after the last day. */
  async close(): Promise<void> {
    if (this.workers === 0) return;
    try {
      release(this.control, Phase.finish, 0);
      await this.wait();
      await this.done;
    } finally {
      await this.pool!.destroy();
    }
  }

  /** Stops the shards after a failure anywhere, without waiting for a phase to end. */
  async abort(): Promise<void> {
    if (this.workers === 0) return;
    this.stopWorkers();
    try {
      await this.done;
    } finally {
      await this.pool!.destroy();
    }
  }

  /** Flags the failure and wakes every worker waiting for a release; each returns. */
  private stopWorkers(): void {
    Atomics.store(this.control, Control.failed, 1);
    Atomics.add(this.control, Control.generation, 1);
    Atomics.notify(this.control, Control.generation);
  }
}
