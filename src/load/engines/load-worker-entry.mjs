// Worker threads do not inherit the main thread's TypeScript loader: register tsx, then run the worker.
import { register } from 'tsx/esm/api';

register();
await import('./load-worker.ts');
