/** The experiment pool's task: one run (run-one.ts) in a worker thread. */
import { runOne, type RunJob, type RunOutput } from './run-one.ts';

export default function runTask(job: RunJob): Promise<RunOutput> {
  return runOne(job);
}
