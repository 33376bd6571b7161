import { randomUUID } from 'node:crypto';
import type { Db } from '../../src/platform/database/client.js';
import { earlierCrossings, incidents, peopleFound, searches } from '../../src/modules/intake/schema.js';
import { DETECTING_METHODS, DETECTION_METHODS, SEARCH_RESULTS, VEHICLE_KINDS } from '../../src/domain/incident/search.js';
import { CONCEALMENT, RISK_TO_LIFE } from '../../src/domain/incident/incident.js';
import { registrationKey } from '../../src/domain/incident/registration.js';

/*
 * Generated border records with known contents, written straight into intake's read tables (as its
 * projector would write them), for the detection analysis's tests and benchmarks. Deterministic for a
 * seed: the same seed gives the same records (their ids apart), returned so a test can count what it
 * expects without the code under test.
 */

export interface GeneratedSearch {
  id: string;
  searchedAt: Date;
  recordedAt: Date;
  port: string;
  lane: string | null;
  vehicleKind: string;
  selectionReason: string;
  methods: string[];
  detectingMethod: string | null;
  result: string;
  tractorRegistration: string;
}
export interface GeneratedPerson {
  id: string;
  sequence: number;
  apparentChild: boolean;
  potentialVictimOfTrafficking: boolean;
  nrmReferralReference: string | null;
  details: { claimedAge?: number; claimedDateOfBirth?: string; traffickingIndicators?: string[]; nrmReferred?: boolean };
}
export interface GeneratedIncident {
  id: string;
  kind: 'port' | 'inland';
  status: string;
  incidentDate: string;
  submittedAt: Date | null;
  port: string | null;
  data: { clandestineEntrants?: number; concealment?: string[]; riskToLife?: string[]; selectionReason?: string; detectingMethod?: string; vehicleKind?: string };
  people: GeneratedPerson[];
}
export interface GeneratedCrossing {
  incidentId: string;
  searchId: string | null;
  outcome: 'confirmed' | 'none-right';
  decidedAt: Date;
}
export interface GeneratedDetectionRecords {
  searches: GeneratedSearch[];
  incidents: GeneratedIncident[];
  crossings: GeneratedCrossing[];
}

/** mulberry32: a small seeded generator, so the records are the same on every run. */
function random(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  const chance = (p: number) => next() < p;
  const between = (from: number, to: number) => from + Math.floor(next() * (to - from + 1));
  return { next, pick, chance, between };
}

const PORTS = ['DVR', 'CQF', 'CAL', 'PME'] as const;
const LANES = ['1', '2', '7', null, '=1+2'] as const;
/** Selection reasons used: never `contractor-referral`, so its rates have nothing to divide by. */
const SELECTIONS = ['hub-target', 'officer-selected', 'random', 'intelligence', 'plate-alert'] as const;
const RESULT_WEIGHTS: [keyof typeof SEARCH_RESULTS, number][] = [
  ['nothing-found', 0.7],
  ['clandestine-entrants', 0.12],
  ['not-secured', 0.08],
  ['both', 0.05],
  ['other-find', 0.05],
];

/**
 * `count` searches carried out between `from` and `to`, each recorded up to three days later; `incidents`
 * incidents dated between `fromDay` and `toDay` (most sent, some drafts or kept back), with people found;
 * and earlier crossings for the inland ones, decided up to ten days after the detection.
 */
export async function generateDetectionRecords(
  db: Db,
  options: { seed: number; from: Date; to: Date; count: number; incidents: number; fromDay: string; toDay: string; officerId: string },
): Promise<GeneratedDetectionRecords> {
  const r = random(options.seed);
  const span = options.to.getTime() - options.from.getTime();
  const generated: GeneratedDetectionRecords = { searches: [], incidents: [], crossings: [] };
  const methodKeys = Object.keys(DETECTION_METHODS);
  for (let n = 0; n < options.count; n += 1) {
    const searchedAt = new Date(options.from.getTime() + Math.floor(r.next() * span));
    const methods = [...new Set([r.pick(methodKeys), ...(r.chance(0.5) ? [r.pick(methodKeys)] : [])])];
    let roll = r.next();
    let result: string = 'nothing-found';
    for (const [name, weight] of RESULT_WEIGHTS) {
      if (roll < weight) {
        result = name;
        break;
      }
      roll -= weight;
    }
    generated.searches.push({
      id: randomUUID(),
      searchedAt,
      recordedAt: new Date(searchedAt.getTime() + r.between(1, 3 * 24 * 60) * 60_000),
      port: r.pick(PORTS),
      lane: r.pick(LANES),
      vehicleKind: r.pick(Object.keys(VEHICLE_KINDS)),
      selectionReason: r.pick(SELECTIONS),
      methods,
      detectingMethod: result === 'nothing-found' ? null : r.chance(0.8) ? r.pick(methods) : r.pick(Object.keys(DETECTING_METHODS)),
      result,
      tractorRegistration: `GEN ${String(n).padStart(5, '0')}`,
    });
  }
  const days: string[] = [];
  for (let d = new Date(`${options.fromDay}T00:00:00Z`); d.toISOString().slice(0, 10) <= options.toDay; d = new Date(d.getTime() + 86_400_000)) days.push(d.toISOString().slice(0, 10));
  for (let n = 0; n < options.incidents; n += 1) {
    const kind = r.chance(0.35) ? 'inland' : 'port';
    const incidentDate = r.pick(days);
    const status = r.chance(0.8) ? 'submitted' : r.pick(['draft', 'not-referred']);
    const entrants = r.between(0, 6);
    const people: GeneratedPerson[] = [];
    for (let p = 1; p <= Math.min(entrants, r.between(0, 5)); p += 1) {
      const details: GeneratedPerson['details'] = {};
      if (r.chance(0.4)) details.claimedAge = r.between(12, 40);
      else if (r.chance(0.3)) details.claimedDateOfBirth = `${r.between(2005, 2012)}-${String(r.between(1, 12)).padStart(2, '0')}-${String(r.between(1, 28)).padStart(2, '0')}`;
      if (r.chance(0.2)) details.traffickingIndicators = ['debt-bondage'];
      if (r.chance(0.3)) details.nrmReferred = r.chance(0.6);
      people.push({
        id: randomUUID(),
        sequence: p,
        apparentChild: r.chance(0.15),
        potentialVictimOfTrafficking: r.chance(0.15),
        nrmReferralReference: r.chance(0.2) ? `NRM-${n}-${p}` : null,
        details,
      });
    }
    generated.incidents.push({
      id: randomUUID(),
      kind,
      status,
      incidentDate,
      submittedAt: status === 'submitted' ? new Date(new Date(`${incidentDate}T10:00:00Z`).getTime() + r.between(0, 10 * 24) * 3_600_000) : null,
      port: kind === 'port' ? r.pick(PORTS) : null,
      data: {
        ...(entrants ? { clandestineEntrants: entrants } : {}),
        ...(r.chance(0.7) ? { concealment: [r.pick(Object.keys(CONCEALMENT))] } : {}),
        ...(r.chance(0.25) ? { riskToLife: [...new Set([r.pick(Object.keys(RISK_TO_LIFE)), r.pick(Object.keys(RISK_TO_LIFE))])] } : {}),
        ...(r.chance(0.9) ? { selectionReason: r.pick(SELECTIONS) } : {}),
        ...(r.chance(0.9) ? { detectingMethod: r.pick(Object.keys(DETECTING_METHODS)) } : {}),
        vehicleKind: r.pick(Object.keys(VEHICLE_KINDS)),
      },
      people,
    });
  }
  for (const incident of generated.incidents.filter((i) => i.kind === 'inland' && i.status === 'submitted')) {
    if (r.chance(0.2)) continue;
    const confirmed = r.chance(0.8);
    generated.crossings.push({
      incidentId: incident.id,
      searchId: confirmed ? r.pick(generated.searches).id : null,
      outcome: confirmed ? 'confirmed' : 'none-right',
      decidedAt: new Date(new Date(`${incident.incidentDate}T12:00:00Z`).getTime() + r.between(0, 10 * 24) * 3_600_000),
    });
  }
  await write(db, generated, options.officerId);
  return generated;
}

async function write(db: Db, g: GeneratedDetectionRecords, officerId: string) {
  for (let i = 0; i < g.searches.length; i += 500) {
    await db.insert(searches).values(
      g.searches.slice(i, i + 500).map((s) => ({
        id: s.id,
        searchedAt: s.searchedAt,
        portCode: s.port,
        lane: s.lane,
        vehicleKind: s.vehicleKind,
        tractorRegistration: s.tractorRegistration,
        tractorKey: registrationKey(s.tractorRegistration),
        tractorCountry: 'PL',
        selectionReason: s.selectionReason,
        methods: s.methods,
        searchedBy: 'border-force',
        result: s.result,
        detectingMethod: s.detectingMethod,
        recordedById: officerId,
        recordedByName: 'Generated officer',
        recordedAt: s.recordedAt,
      })),
    );
  }
  if (g.incidents.length) {
    await db.insert(incidents).values(
      g.incidents.map((i) => ({
        id: i.id,
        kind: i.kind,
        status: i.status,
        data: { kind: i.kind, incidentDate: i.incidentDate, ...(i.port ? { port: i.port } : {}), ...i.data },
        incidentDate: i.incidentDate,
        portCode: i.port,
        caseReference: i.status === 'submitted' ? `GEN-${i.id.slice(0, 8)}` : null,
        createdById: officerId,
        createdByName: 'Generated officer',
        createdAt: new Date(`${i.incidentDate}T09:00:00Z`),
        updatedAt: i.submittedAt ?? new Date(`${i.incidentDate}T09:00:00Z`),
        submittedAt: i.submittedAt,
        version: 1,
      })),
    );
  }
  const people = g.incidents.flatMap((i) => i.people.map((p) => ({ incident: i, person: p })));
  if (people.length) {
    await db.insert(peopleFound).values(
      people.map(({ incident, person }) => ({
        id: person.id,
        incidentId: incident.id,
        sequence: person.sequence,
        apparentChild: person.apparentChild,
        potentialVictimOfTrafficking: person.potentialVictimOfTrafficking,
        nrmReferralReference: person.nrmReferralReference,
        medicalNeed: false,
        checks: {},
        details: person.details,
      })),
    );
  }
  if (g.crossings.length) {
    await db.insert(earlierCrossings).values(
      g.crossings.map((c) => ({ incidentId: c.incidentId, searchId: c.searchId, outcome: c.outcome, note: null, decidedById: officerId, decidedByName: 'Generated officer', decidedAt: c.decidedAt })),
    );
  }
}
