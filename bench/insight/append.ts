/**
 * What indexes on `events` cost the event store's appends: events appended per second through the
 * real `appendEvents` (catalogue check, hash chain, one transaction per command), on the generated
 * database, by `--clients` concurrent connections for `--seconds`. Each command is what the busiest
 * writers append: a search record (a new `search` stream, one event), or a case opened with its
 * liability, penalty and payment (a new `case` stream, four events), half and half.
 * Run it before and after adding an index; the events it appends are recorded now, after the
 * generated data's asOf, so the annual report's figures do not change.
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npx tsx bench/insight/append.ts [--database cordon_bench_insight] [--seconds 20] [--clients 4]
 */
import os from 'node:os';
import { randomUUID } from 'node:crypto';
import { openPostgres } from '../../src/platform/database/client.js';
import { appendEvents, type NewEvent } from '../../src/platform/events/event-store.js';
import { databaseUrl } from './generate.js';

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1]! : fallback;
};
const base = process.env.DATABASE_URL;
if (!base) throw new Error('Set DATABASE_URL to the PostgreSQL server holding the generated database.');
const seconds = Number(arg('seconds', '20'));
const clients = Number(arg('clients', '4'));
const database = openPostgres(databaseUrl(base, arg('database', 'cordon_bench_insight')), clients);
const actor = { id: 'bench-append', name: 'Bench', roles: ['officer'] };

function command(k: number): { streamType: string; events: NewEvent[] } {
  const today = new Date().toISOString().slice(0, 10);
  if (k % 2 === 0) {
    return {
      streamType: 'search',
      events: [{ type: 'SearchRecorded', payload: { searchId: randomUUID(), searchedAt: new Date().toISOString(), port: 'DVR', lane: '3', vehicleKind: 'hgv', tractorRegistration: 'WGM 12345', tractorCountry: 'PL', selectionReason: 'random', methods: ['dog'], searchedBy: 'border-force', result: 'nothing-found' } }],
    };
  }
  const liabilityId = randomUUID();
  return {
    streamType: 'case',
    events: [
      { type: 'CaseOpened', payload: { caseId: randomUUID(), reference: `CE-BENCH-${k}`, offence: 'S32', incidentDate: today, port: 'DVR', clandestineEntrants: 2, companyName: 'Haulier', driverName: 'Driver' } },
      { type: 'LiabilityOpened', payload: { liabilityId, role: 'driver', offence: 'S32', partyName: 'Driver' } },
      { type: 'PenaltyImposed', payload: { by: 'o', on: today, liabilityId, noticeDate: today, amountPence: 200_000, aggregateSplitApprovedBy: null } },
      { type: 'PaymentReceived', payload: { by: 'o', on: today, liabilityId, amountPence: 200_000, receivedOn: today, method: 'card', reference: `P-${k}`, paidBy: 'recipient' } },
    ],
  };
}

let appended = 0;
let commands = 0;
let next = 0;
const deadline = Date.now() + seconds * 1000;
const started = process.hrtime.bigint();
const load = os.loadavg()[0]!;
await Promise.all(
  Array.from({ length: clients }, async () => {
    while (Date.now() < deadline) {
      const k = next++;
      const { streamType, events } = command(k);
      await database.db.transaction((tx) => appendEvents(tx, { streamId: `${streamType}-${randomUUID()}`, streamType, expectedVersion: 0, actor, occurredAt: new Date(), events }));
      appended += events.length;
      commands += 1;
    }
  }),
);
const elapsed = Number(process.hrtime.bigint() - started) / 1e9;
await database.close();
console.log(`${commands} commands, ${appended} events in ${elapsed.toFixed(1)} s by ${clients} clients: ${(appended / elapsed).toFixed(0)} events/s, ${(commands / elapsed).toFixed(0)} commands/s (load average ${load.toFixed(2)} → ${os.loadavg()[0]!.toFixed(2)})`);
