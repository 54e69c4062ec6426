#!/usr/bin/env node
// The `musika` program: registers tsx, then runs the TypeScript command line.
import { register } from 'tsx/esm/api';

register();
await import('./cli.ts');
