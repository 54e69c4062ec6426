// Worker entry in plain JavaScript: registers tsx so the TypeScript task can load in a worker
// thread however the parent process was started.
import { register } from 'tsx/esm/api';

register();
const { default: runShard } = await import('./shard-worker.ts');
export default runShard;
