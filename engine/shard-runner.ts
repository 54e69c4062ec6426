/**
 * Running a phase on every shard: on the calling thread when there is one shard, or by releasing
 * the barrier to piscina workers, each of which runs one long ShardTask loop (shard-worker.ts).
 */
import { Piscina } from 'piscina';
import { ShardTask, type ShardTaskInit } from './shard-task.ts';
import { Control, Phase, allArrived, release } from './worker-protocol.ts';

export interface ShardRunner {
  /** Releases a phase to every shard; on one thread it runs to completion before returning. */
  start(phase: number, day: number): void;
  /** Resolves when every shard has finished the phase last started. */
  wait(): Promise<void>;
  run(phase: number, day: number): Promise<void>;
  /** Ends the shards (after the finish phase, or on failure). */
  close(): Promise<void>;
}

export class InlineRunner implements ShardRunner {
  private readonly tasks: ShardTask[];
  constructor(inits: ShardTaskInit[]) {
    this.tasks = inits.map((i) => new ShardTask(i));
  }
  start(phase: number, day: number): void {
    for (const t of this.tasks) t.run(phase, day);
  }
  async wait(): Promise<void> {}
  async run(phase: number, day: number): Promise<void> {
    this.start(phase, day);
  }
  async close(): Promise<void> {
    this.start(Phase.finish, 0);
  }
}

export class WorkerRunner implements ShardRunner {
  private readonly pool: Piscina;
  private readonly done: Promise<unknown>;
  private error: Error | undefined;
  private readonly control: Int32Array;

  /** `entry` is the worker module's URL (worker-bundle.ts). */
  constructor(private readonly inits: ShardTaskInit[], entry: string) {
    this.control = inits[0].shared.control;
    this.pool = new Piscina({
      filename: entry,
      minThreads: inits.length,
      maxThreads: inits.length,
      idleTimeout: 1000,
      // Neither entry needs the parent's loader flags (the tsx one registers tsx itself).
      execArgv: [],
    });
    this.done = Promise.all(
      inits.map((init) =>
        this.pool.run(init).catch((e: unknown) => {
          this.error ??= e instanceof Error ? e : new Error(String(e));
          Atomics.store(this.control, Control.failed, 1);
          Atomics.notify(this.control, Control.arrived);
        }),
      ),
    );
  }

  start(phase: number, day: number): void {
    release(this.control, phase, day);
  }

  async wait(): Promise<void> {
    await allArrived(this.control, this.inits.length, () => this.error);
  }

  async run(phase: number, day: number): Promise<void> {
    this.start(phase, day);
    await this.wait();
  }

  async close(): Promise<void> {
    if (Atomics.load(this.control, Control.failed) === 0 && !this.error) {
      await this.run(Phase.finish, 0);
    } else {
      Atomics.store(this.control, Control.failed, 1);
      Atomics.add(this.control, Control.generation, 1);
      Atomics.notify(this.control, Control.generation);
    }
    await this.done;
    await this.pool.destroy();
  }
}
