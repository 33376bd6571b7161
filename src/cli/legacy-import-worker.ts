// A writing thread of `cordon import legacy` on PostgreSQL: its own connections, every projector of
// the application, and the batches its parent posts (src/modules/legacy-import/write-thread.ts).
import { parentPort, workerData } from 'node:worker_threads';
import { projectors } from '../app.js';
import type { CalendarDate } from '../domain/clock/calendar-date.js';
import { localWriter } from '../modules/legacy-import/write.js';
import { serveLegacyWrites } from '../modules/legacy-import/write-thread.js';
import { openPostgres } from '../platform/database/client.js';

const { databaseUrl, today, capacity } = workerData as { databaseUrl: string; today: CalendarDate; capacity: number };
const database = openPostgres(databaseUrl, capacity);
serveLegacyWrites(parentPort!, localWriter(database.db, { projectors, today, capacity }), () => database.close());
