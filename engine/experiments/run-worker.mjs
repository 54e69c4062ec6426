// The experiment workers' entry in plain JavaScript when the bundle cannot be had: registers tsx
// so the TypeScript task loads in a worker thread however the parent process was started.
import { register } from 'tsx/esm/api';

register();
const { default: runTask } = await import('./run-worker.ts');
export default runTask;
