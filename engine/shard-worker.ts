/**
 * The piscina task: one long task per shard, looping over phases released by main through the
 * barrier in worker-protocol.ts, until the finish phase.
 */
import { ShardTask, type ShardTaskInit } from './shard-task.ts';
import { Control, Phase, arrive, awaitRelease } from './worker-protocol.ts';

export default function runShard(init: ShardTaskInit): number {
  const control = init.shared.control;
  let seen = 0;
  let task: ShardTask | undefined;
  for (;;) {
    seen = awaitRelease(control, seen);
    if (Atomics.load(control, Control.failed) !== 0) return -1;
    const phase = Atomics.load(control, Control.phase);
    const day = Atomics.load(control, Control.day);
    const hour = Atomics.load(control, Control.hour);
    try {
      task ??= new ShardTask(init);
      task.run(phase, day, hour);
    } catch (e) {
      Atomics.store(control, Control.failed, 1);
      arrive(control);
      throw e;
    }
    arrive(control);
    if (phase === Phase.finish) return init.index;
  }
}
