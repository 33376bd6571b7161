// Entry of a legacy import writing thread (src/modules/legacy-import/write-thread.ts). Cordon runs
// TypeScript through tsx with no build step, and a worker thread does not inherit the main
// thread's loader, so it registers tsx itself.
import { register } from 'tsx/esm/api';

register();
await import('./legacy-import-worker.ts');
