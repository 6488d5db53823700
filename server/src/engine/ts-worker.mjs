// Starts a worker thread on a TypeScript module: the server runs under tsx, whose loader a worker does not
// inherit for its entry file. Plain JS so it runs the same under tsx, vitest and node.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.entry);
