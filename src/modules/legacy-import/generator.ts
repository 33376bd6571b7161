import fs from 'node:fs';
import path from 'node:path';
import { once } from 'node:events';
import { stringify } from 'csv-stringify/sync';
import { addDays, daysBetween, type CalendarDate } from '../../domain/clock/calendar-date.js';
import {
  APPEALS_HEADER, DATABASE_HEADER, FINISHED_STATUSES, LEGACY_FILES, LEGACY_STATUS_STAGES, OBJECTIONS_HEADER, PORT_LOG_HEADER,
  STATUSES_OWING_NOTHING, type LegacyPartyType, type LegacyStatus,
} from '../../domain/legacy-import/formats.js';
import type { CaseForReview, DatabaseIncidentMissing, LogIncidentMissing, ReconciliationReport, RejectedRow } from '../../domain/legacy-import/report.js';
import type { RejectionKind } from '../../domain/legacy-import/values.js';
import { PORTS, type PortCode } from '../../domain/reference/ports.js';
import type { Stage } from '../../domain/liability/stages.js';

/**
 * Synthetic legacy exports (issue #18) for tests and the benchmark: the four kinds of file in the
 * issue's formats, with the record's known defects injected at known rates, and `truth.json`, the
 * reconciliation report the import must produce — counted here from what was written, not by the
 * import's code. Rows are written as they are made (a case at a time, in batches, waiting for the
 * disk), so a million rows take no more memory than a thousand beyond the truth's lists.
 *
 * Files: the database and the objections as Access and Excel write them (Windows-1252, no BOM),
 * the ports' logs and the appeals as Excel's "CSV UTF-8" (a BOM); CRLF line ends everywhere.
 */

export interface GenerateOptions {
  dir: string;
  /** Database rows to write, exact duplicates included. */
  rows: number;
  seed?: number;
  /** The day the export is read on: incidents end 30 days before it; "future" dates are decades after. */
  today: CalendarDate;
}

export type LegacyTruth = ReconciliationReport & { generator: { seed: number; rows: number; today: CalendarDate } };

/** mulberry32: small, fast and seedable, so a seed always gives the same files. */
function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// ---------------------------------------------------------------------------------------------
// Encodings

const WINDOWS_1252_HIGH: Record<string, number> = {
  '€': 0x80, '‚': 0x82, ƒ: 0x83, '„': 0x84, '…': 0x85, '†': 0x86, '‡': 0x87, ˆ: 0x88, '‰': 0x89, Š: 0x8a, '‹': 0x8b, Œ: 0x8c,
  Ž: 0x8e, '‘': 0x91, '’': 0x92, '“': 0x93, '”': 0x94, '•': 0x95, '–': 0x96, '—': 0x97, '˜': 0x98, '™': 0x99, š: 0x9a,
  '›': 0x9b, œ: 0x9c, ž: 0x9e, Ÿ: 0x9f,
};

/** Text as Windows-1252 bytes; a character the code page lacks is a bug in the generator. */
export function encodeWindows1252(text: string): Buffer {
  const bytes = Buffer.allocUnsafe(text.length);
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80 || (code >= 0xa0 && code <= 0xff)) bytes[i] = code;
    else {
      const mapped = WINDOWS_1252_HIGH[text[i]!];
      if (mapped === undefined) throw new Error(`"${text[i]}" has no Windows-1252 byte`);
      bytes[i] = mapped;
    }
  }
  return bytes;
}

type FileEncoding = 'windows-1252' | 'utf-8-bom';

/** One CSV file being written: rows are batched, stringified by csv-stringify and written with back-pressure. */
class CsvOut {
  private readonly stream: fs.WriteStream;
  private pending: string[][] = [];
  /** The line the next row will be on (the header is line 1). */
  nextLine = 2;

  constructor(
    readonly file: string,
    dir: string,
    private readonly encoding: FileEncoding,
    header: readonly string[],
  ) {
    this.stream = fs.createWriteStream(path.join(dir, file));
    if (encoding === 'utf-8-bom') this.stream.write(Buffer.from([0xef, 0xbb, 0xbf]));
    this.pending.push([...header]);
  }

  /** Queues a row; returns its line. */
  add(cells: string[]): number {
    this.pending.push(cells);
    return this.nextLine++;
  }

  async flush(force = false): Promise<void> {
    if (this.pending.length === 0 || (!force && this.pending.length < 2000)) return;
    const text = stringify(this.pending, { record_delimiter: '\r\n' });
    this.pending = [];
    const ok = this.stream.write(this.encoding === 'windows-1252' ? encodeWindows1252(text) : Buffer.from(text, 'utf8'));
    if (!ok) await once(this.stream, 'drain');
  }

  async close(): Promise<void> {
    await this.flush(true);
    this.stream.end();
    await once(this.stream, 'finish');
  }
}

// ---------------------------------------------------------------------------------------------
// Names, places and vehicles

const SYLLABLES = ['kor', 'vel', 'mar', 'tan', 'bel', 'dro', 'lum', 'sar', 'pet', 'zan', 'rik', 'nov', 'hel', 'gun', 'dal', 'fer', 'mol', 'tis', 'bra', 'wen'];

/** A made-up word unique to `index` (two syllables at least), capitalised. */
function wordFor(index: number): string {
  let word = '';
  let rest = index;
  do {
    word += SYLLABLES[rest % SYLLABLES.length];
    rest = Math.floor(rest / SYLLABLES.length);
  } while (rest > 0 || word.length < 6);
  return word[0]!.toUpperCase() + word.slice(1);
}

/** First names with the accents of Latin-1, so they survive Windows-1252. */
const FIRST_NAMES = ['José', 'Zoë', 'Jürgen', 'François', 'Søren', 'Anaïs', 'Björn', 'Inês', 'Mário', 'Renée', 'Jan', 'Ion', 'Georgi', 'Piotr', 'Andrei', 'Dragos'];

const COMPANY_COUNTRIES = [
  { country: 'Poland', nationality: 'PL', forms: (b: string) => [`${b} Trans Sp. z o.o.`, `${b.toUpperCase()} TRANS SP ZOO`, `${b}-Trans sp. z o.o.`, `${b} Trans Sp.z o.o.`] },
  { country: 'Romania', nationality: 'RO', forms: (b: string) => [`${b} Logistic S.R.L.`, `${b.toUpperCase()} LOGISTIC SRL`, `S.C. ${b} Logistic S.R.L.`, `${b}-Logistic SRL`] },
  { country: 'Germany', nationality: 'DE', forms: (b: string) => [`${b} Spedition GmbH`, `${b.toUpperCase()} SPEDITION GMBH`, `${b}-Spedition GmbH`, `${b} Spedition G.m.b.H.`] },
  { country: 'United Kingdom', nationality: 'GB', forms: (b: string) => [`${b} Haulage Ltd`, `${b.toUpperCase()} HAULAGE LIMITED`, `${b} Haulage Ltd.`, `${b}-Haulage Limited`] },
  { country: 'Bulgaria', nationality: 'BG', forms: (b: string) => [`${b} Trans EOOD`, `${b.toUpperCase()} TRANS EOOD`, `${b}-Trans E.O.O.D.`, `${b} Trans Eood`] },
  { country: 'Netherlands', nationality: 'NL', forms: (b: string) => [`${b} Transport B.V.`, `${b.toUpperCase()} TRANSPORT BV`, `${b}-Transport B.V.`, `${b} Transport BV`] },
] as const;

/** A company of the pool: its spellings (index 0 the usual one) and its country. */
export function companySpellings(index: number): { spellings: string[]; country: string; nationality: string } {
  const home = COMPANY_COUNTRIES[index % COMPANY_COUNTRIES.length]!;
  return { spellings: home.forms(wordFor(index + 7)), country: home.country, nationality: home.nationality };
}

/** Port names as staff typed them, by the port each stands for. */
const TYPED_PORTS: { code: PortCode; weight: number; typed: string[] }[] = [
  { code: 'CQF', weight: 30, typed: ['Coquelles', 'COQUELLES', 'Eurotunnel Coquelles', 'coquelles '] },
  { code: 'CAL', weight: 20, typed: ['Calais', 'CALAIS', 'Calais Port'] },
  { code: 'DKK', weight: 15, typed: ['Dunkirk', 'Dunkerque', 'DUNKIRK'] },
  { code: 'DVR', weight: 15, typed: ['Dover', 'Dover Eastern Docks', 'DOVER EASTERN DOCKS', 'Eastern Docks'] },
  { code: 'FKS', weight: 8, typed: ['Folkestone', 'Eurotunnel Folkestone'] },
  { code: 'PME', weight: 3, typed: ['Portsmouth'] },
  { code: 'HRW', weight: 3, typed: ['Harwich', 'Harwich International'] },
  { code: 'PFT', weight: 2, typed: ['Purfleet'] },
  { code: 'HUL', weight: 2, typed: ['Hull'] },
  { code: 'HLY', weight: 2, typed: ['Holyhead'] },
];
const UNKNOWN_PORTS = ['Dovr', 'Calias', 'Zeebrugge', 'Cherbourg', 'Dover E. Docks', 'Rotterdam'];

/** The file name of a port's log: `port-log-coquelles.csv`. */
export function portLogFile(code: PortCode): string {
  const name = PORTS.find((port) => port.code === code)!.name.replace(/\s*\(.*$/, '');
  return `port-log-${name.toLowerCase().replace(/[^a-z]+/g, '-')}.csv`;
}

const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
/** A registration unique to `index`, shaped like a current GB one ("AB12 CDE"). */
function registrationFor(index: number): string {
  const digits = String(index % 100).padStart(2, '0');
  let rest = Math.floor(index / 100);
  const pair = LETTERS[rest % 26]! + LETTERS[Math.floor(rest / 26) % 26]!;
  rest = Math.floor(rest / 676);
  const tail = LETTERS[rest % 26]! + LETTERS[Math.floor(rest / 26) % 26]! + LETTERS[Math.floor(rest / 676) % 26]!;
  return `${pair}${digits} ${tail}`;
}

const legacyDate = (date: CalendarDate) => `${date.slice(8, 10)}/${date.slice(5, 7)}/${date.slice(0, 4)}`;
/** `£6,000.00` or `6000`, half and half (whole pounds: the generator makes no pence). */
const legacyAmount = (pence: number, random: () => number) =>
  random() < 0.5 ? `£${String(Math.floor(pence / 100)).replace(/\B(?=(\d{3})+$)/g, ',')}.${String(pence % 100).padStart(2, '0')}` : String(pence / 100);

// ---------------------------------------------------------------------------------------------
// The generator

const STATUS_WEIGHTS: [LegacyStatus, number][] = [
  ['Referral received', 8], ['IS11 sent', 8], ['Penalty imposed', 12], ['Objection received', 6], ['Objection upheld', 3],
  ['Objection rejected', 5], ['Appeal lodged', 3], ['Part paid', 10], ['Paid', 25], ['Debt referral', 10], ['Written off', 5], ['Cancelled', 5],
];
const STATUS_TOTAL = STATUS_WEIGHTS.reduce((sum, [, weight]) => sum + weight, 0);

type Defect = 'unknown-port' | 'impossible-date' | 'future-date' | 'before-incident' | 'bad-amount' | 'conflicting-case-facts' | 'duplicate' | null;

interface GeneratedRow {
  cells: string[];
  defect: RejectionKind | null;
  reason: string;
  partyType: LegacyPartyType;
  /** For a company, its pool index and the spelling used; for a driver, -1. */
  company: number;
  spelling: number;
  status: LegacyStatus;
  imposedPence: number;
  paidPence: number;
  noticeOn: CalendarDate | null;
  spreadsheetName: string;
  objection: string[] | null;
  appeal: string[] | null;
}

const column = (name: (typeof DATABASE_HEADER)[number]) => DATABASE_HEADER.indexOf(name);

export async function generateLegacyExport(options: GenerateOptions): Promise<LegacyTruth> {
  const { dir, rows: targetRows, today } = options;
  const seed = options.seed ?? 1;
  if (!Number.isInteger(targetRows) || targetRows < 1) throw new Error('rows must be a whole number of 1 or more');
  fs.mkdirSync(dir, { recursive: true });
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const between = (low: number, high: number) => low + Math.floor(random() * (high - low + 1));

  const database = new CsvOut(LEGACY_FILES.database, dir, 'windows-1252', DATABASE_HEADER);
  const objections = new CsvOut(LEGACY_FILES.objections, dir, 'windows-1252', OBJECTIONS_HEADER);
  const appeals = new CsvOut(LEGACY_FILES.appeals, dir, 'utf-8-bom', APPEALS_HEADER);
  const logs = new Map<PortCode, CsvOut>();
  const logFor = (code: PortCode) => {
    let out = logs.get(code);
    if (!out) {
      out = new CsvOut(portLogFile(code), dir, 'utf-8-bom', PORT_LOG_HEADER);
      logs.set(code, out);
    }
    return out;
  };
  // Every port has a log, even one with no incident in it.
  for (const port of TYPED_PORTS) logFor(port.code);

  const companyCount = Math.max(20, Math.floor(targetRows / 15));
  const companyVariantsUsed = new Uint8Array(companyCount);
  const firstIncident: CalendarDate = '2023-03-01';
  const lastIncident = addDays(today, -30);
  const incidentSpan = daysBetween(firstIncident, lastIncident);
  if (incidentSpan < 1) throw new Error('today must be after April 2023');

  // The truth, counted from what is written.
  const rejected: RejectedRow[] = [];
  const byStage: Partial<Record<Stage, number>> = {};
  const money = { imposedPence: 0, paidPence: 0, outstandingPence: 0 };
  let imported = 0;
  let duplicates = 0;
  let casesCreated = 0;
  let liabilities = 0;
  let corrected = 0;
  let drivers = 0;
  const objectionCounts = { attached: 0, unmatched: 0 };
  const appealCounts = { attached: 0, unmatched: 0 };
  const casesForReview: CaseForReview[] = [];
  const logMissing: LogIncidentMissing[] = [];
  const databaseMissing: DatabaseIncidentMissing[] = [];

  let written = 0;
  const pendingDuplicates: { cells: string[]; due: number }[] = [];

  const writeDatabaseRow = (cells: string[]) => {
    written += 1;
    return database.add(cells);
  };

  let caseIndex = 0;
  while (written < targetRows) {
    const due = pendingDuplicates.findIndex((pending) => pending.due <= written);
    if (due >= 0) {
      writeDatabaseRow(pendingDuplicates.splice(due, 1)[0]!.cells);
      duplicates += 1;
      continue;
    }
    const budget = targetRows - written - pendingDuplicates.length;
    if (budget <= 0) {
      writeDatabaseRow(pendingDuplicates.shift()!.cells);
      duplicates += 1;
      continue;
    }
    const c = caseIndex++;

    // The case's facts.
    const section = random() < 0.35 ? '31A' : '32';
    const incidentDate = addDays(firstIncident, between(0, incidentSpan));
    const age = daysBetween(incidentDate, today);
    const ref = `CEC/${incidentDate.slice(0, 4)}/${String(c + 1).padStart(7, '0')}`;
    let weight = random() * TYPED_PORTS.reduce((sum, port) => sum + port.weight, 0);
    const port = TYPED_PORTS.find((candidate) => (weight -= candidate.weight) < 0) ?? TYPED_PORTS[0]!;
    const entrantsCell = section === '31A' ? (random() < 0.9 ? '1' : '') : String(between(1, 6));
    const entrants = section === '31A' ? 0 : Number(entrantsCell);
    const vehicleReg = registrationFor(c);
    const trailerReg = random() < 0.7 ? `T${String(c).padStart(7, '0')}` : '';
    const partyCount = Math.min(budget, random() < 0.55 ? 1 : random() < 0.67 ? 2 : 3);

    let defect: Defect = null;
    const roll = random();
    if (roll < 0.015) defect = 'unknown-port';
    else if (roll < 0.025) defect = 'impossible-date';
    else if (roll < 0.035) defect = 'future-date';
    else if (roll < 0.045) defect = 'before-incident';
    else if (roll < 0.055) defect = 'bad-amount';
    else if (roll < 0.07) defect = partyCount > 1 ? 'conflicting-case-facts' : null;
    else if (roll < 0.09) defect = partyCount < budget ? 'duplicate' : null;
    const defectiveRow = defect === 'conflicting-case-facts' ? between(1, partyCount - 1) : between(0, partyCount - 1);
    const typedPort = defect === 'unknown-port' ? pick(UNKNOWN_PORTS) : pick(port.typed);

    // Its parties: a driver and companies of the pool, never one company twice.
    const types: LegacyPartyType[] = partyCount === 1 ? [random() < 0.6 ? 'Driver' : 'Owner'] : partyCount === 2 ? ['Driver', 'Owner'] : ['Driver', 'Owner', random() < 0.5 ? 'Hirer' : 'Operator'];
    const companiesOnCase = new Set<number>();
    const caseRows: GeneratedRow[] = types.map((partyType, rowIndex) => {
      let company = -1;
      let spelling = 0;
      let name: string;
      let spreadsheetName: string;
      let dateOfBirth = '';
      let address = ['', '', '', '', ''];
      if (partyType === 'Driver') {
        const first = FIRST_NAMES[c % FIRST_NAMES.length]!;
        name = `${first} ${wordFor(c)}`;
        // The spreadsheets' typing: as in the database, in capitals, or without its accents.
        spreadsheetName = pick([name, name.toUpperCase(), name.normalize('NFD').replace(/\p{M}/gu, '')]);
        dateOfBirth = legacyDate(addDays('1960-01-01', between(0, 14_600)));
        address = [`${between(1, 200)} Rue des Écoles`, '', 'Lille', `59${String(between(0, 999)).padStart(3, '0')}`, 'France'];
      } else {
        do company = Math.floor(random() * companyCount);
        while (companiesOnCase.has(company));
        companiesOnCase.add(company);
        const { spellings, country } = companySpellings(company);
        spelling = random() < 0.6 ? 0 : between(1, spellings.length - 1);
        name = spellings[spelling]!;
        spreadsheetName = pick(spellings);
        address = [`Strada ${wordFor(company)} ${1 + (company % 90)}`, random() < 0.3 ? 'Unit 4' : '', wordFor(company + 3), String(10_000 + (company % 89_999)), country];
      }

      // The liability's history, consistent with its status and with today.
      let status: LegacyStatus = 'Referral received';
      if (age < 40) status = 'Referral received';
      else if (age < 280) status = random() < 0.5 ? 'Referral received' : 'IS11 sent';
      else {
        let w = random() * STATUS_TOTAL;
        status = STATUS_WEIGHTS.find(([, sw]) => (w -= sw) < 0)?.[0] ?? 'Paid';
      }
      const writtenOffUnissued = status === 'Written off' && random() < 0.5;
      const hasInitialNotice = status !== 'Referral received';
      const hasNotice = !['Referral received', 'IS11 sent'].includes(status) && !writtenOffUnissued;
      const initialNoticeOn = hasInitialNotice ? addDays(incidentDate, between(5, 30)) : null;
      const noticeOn = hasNotice ? addDays(incidentDate, between(60, 170)) : null;
      const basePounds = section === '31A' ? pick([1500, 3000, 6000]) : pick([6000, 10_000]) * entrants;
      const imposedPence = hasNotice ? basePounds * 100 : 0;
      let paidPence = 0;
      if (status === 'Paid') paidPence = imposedPence;
      else if (status === 'Part paid') paidPence = Math.max(100, Math.floor((imposedPence * between(10, 90)) / 10_000) * 100);
      else if (status === 'Debt referral' && random() < 0.3) paidPence = Math.floor(imposedPence / 400) * 100;
      const lastPaidOn = paidPence > 0 && noticeOn ? addDays(noticeOn, between(10, 80)) : null;
      const notes = random() < 0.2 ? pick(['Driver said "no idea", checked', 'Seals intact, cords cut', 'Phoned haulier; awaiting reply', 'Rechecked – see file']) : '';

      const cells = [
        ref, section, legacyDate(incidentDate), typedPort, entrantsCell, vehicleReg, trailerReg, 'GB', partyType, name, dateOfBirth,
        ...address.slice(0, 5), initialNoticeOn ? legacyDate(initialNoticeOn) : '', hasNotice ? legacyAmount(imposedPence, random) : '',
        noticeOn ? legacyDate(noticeOn) : '', status, paidPence ? legacyAmount(paidPence, random) : '', lastPaidOn ? legacyDate(lastPaidOn) : '', notes,
      ];

      // Objections and appeals, dated after the notice.
      let objection: string[] | null = null;
      let appeal: string[] | null = null;
      if (noticeOn && ['Objection received', 'Objection upheld', 'Objection rejected', 'Appeal lodged'].includes(status)) {
        const receivedOn = addDays(noticeOn, between(5, 25));
        const decision = status === 'Objection upheld' ? 'Upheld' : status === 'Objection rejected' || status === 'Appeal lodged' ? 'Rejected' : '';
        const decidedOn = decision ? addDays(receivedOn, between(20, 60)) : null;
        objection = [ref, spreadsheetName, legacyDate(receivedOn), decision, decidedOn ? legacyDate(decidedOn) : '', ''];
        if (status === 'Appeal lodged') {
          const lodgedOn = addDays(decidedOn!, between(5, 25));
          appeal = [ref, spreadsheetName, legacyDate(lodgedOn), pick(['Dover County Court', 'Canterbury County Court', 'Central London County Court']), '', '', ''];
        }
      }

      let rowDefect: RejectionKind | null = null;
      let reason = '';
      if (defect && defect !== 'duplicate' && (defect === 'unknown-port' || rowIndex === defectiveRow)) {
        rowDefect = defect;
        reason = defect;
        switch (defect) {
          case 'unknown-port':
            reason = `unknown port ${typedPort}`;
            break;
          case 'impossible-date': {
            const impossible = pick(['31/02/2024', '29/02/2023', '31/04/2024', '00/01/2024', '15/13/2023']);
            if (partyType === 'Driver' && random() < 0.5) cells[column('Date of Birth')] = impossible;
            else cells[column('Date of Incident')] = impossible;
            reason = `impossible date ${impossible}`;
            break;
          }
          case 'future-date': {
            const future = `15/06/${Number(today.slice(0, 4)) + 36}`;
            if (random() < 0.5) cells[column('Date of Incident')] = future;
            else cells[column('Date Last Paid')] = future;
            reason = `future date ${future}`;
            break;
          }
          case 'before-incident':
            cells[column('IS11 Sent')] = legacyDate(addDays(incidentDate, -between(1, 20)));
            reason = 'IS11 Sent before the incident';
            break;
          case 'bad-amount': {
            const bad = pick(['£6.000,00', '6k', 'six thousand', '£6,000.5', '-6000', 'TBC']);
            cells[column(random() < 0.7 ? 'Penalty Amount' : 'Amount Paid')] = bad;
            reason = `bad amount ${bad}`;
            break;
          }
          case 'conflicting-case-facts':
            if (random() < 0.5) cells[column('Date of Incident')] = legacyDate(addDays(incidentDate, 1));
            else cells[column('Vehicle Reg')] = `${vehicleReg}X`;
            reason = 'conflicts with the first row of the reference';
            break;
        }
      }
      return { cells, defect: rowDefect, reason, partyType, company, spelling, status, imposedPence, paidPence, noticeOn, spreadsheetName, objection: rowDefect ? null : objection, appeal: rowDefect ? null : appeal };
    });

    // Write the rows and count what the import must find.
    let caseImported = false;
    const importedRows: GeneratedRow[] = [];
    for (const row of caseRows) {
      const line = writeDatabaseRow(row.cells);
      if (row.defect) {
        rejected.push({ file: LEGACY_FILES.database, line, kind: row.defect, reason: row.reason });
        continue;
      }
      caseImported = true;
      importedRows.push(row);
      imported += 1;
      liabilities += 1;
      const stage = LEGACY_STATUS_STAGES[row.status];
      byStage[stage] = (byStage[stage] ?? 0) + 1;
      money.imposedPence += row.imposedPence;
      money.paidPence += row.paidPence;
      money.outstandingPence += STATUSES_OWING_NOTHING.has(row.status) ? 0 : Math.max(0, row.imposedPence - row.paidPence);
      if (row.company >= 0) companyVariantsUsed[row.company]! |= 1 << row.spelling;
      else drivers += 1;
      if (row.objection) {
        objections.add(row.objection);
        objectionCounts.attached += 1;
      }
      if (row.appeal) {
        appeals.add(row.appeal);
        appealCounts.attached += 1;
      }
    }
    if (defect === 'duplicate') {
      const copied = caseRows[defectiveRow]!;
      pendingDuplicates.push({ cells: [...copied.cells], due: written + between(0, 40) });
    }
    if (caseImported) {
      casesCreated += 1;
      if (section === '31A' && entrantsCell === '1') corrected += 1;
      const lastDayForNotice = addDays(incidentDate, 179);
      if (today > lastDayForNotice && importedRows.every((row) => row.noticeOn === null) && importedRows.some((row) => !FINISHED_STATUSES.has(row.status))) {
        casesForReview.push({ ref, incidentDate, lastDayForNotice });
      }
    }

    // Objections and appeals that match nothing: a reference not in the database, or a name not on the case.
    if (random() < 0.02) {
      const unknownRef = random() < 0.5;
      objections.add([unknownRef ? `CEC/2019/${String(c + 1).padStart(7, '0')}` : ref, `Nobody ${wordFor(c + 11)} Ltd`, legacyDate(addDays(incidentDate, 10)), '', '', '']);
      objectionCounts.unmatched += 1;
    }
    if (random() < 0.01) {
      appeals.add([`CEC/2018/${String(c + 1).padStart(7, '0')}`, `Nobody ${wordFor(c + 13)} Ltd`, legacyDate(addDays(incidentDate, 15)), 'Dover County Court', '', '', '']);
      appealCounts.unmatched += 1;
    }

    // The port's log: most incidents with their reference, some without (found by date and vehicle), some not logged.
    const logged = random() >= 0.03;
    if (logged) {
      const blankRef = random() < 0.08;
      const log = logFor(port.code);
      const reg = blankRef ? vehicleReg.replace(' ', '') : vehicleReg;
      const line = log.add([legacyDate(incidentDate), `${String(between(0, 23)).padStart(2, '0')}:${String(between(0, 59)).padStart(2, '0')}`, reg, trailerReg, section, section === '32' ? String(entrants) : '', `Officer ${wordFor(c % 300)}`, blankRef ? '' : ref]);
      if (!caseImported) logMissing.push({ file: log.file, line, ref: blankRef ? null : ref, date: incidentDate, vehicleReg: reg });
    } else if (caseImported) {
      databaseMissing.push({ ref, incidentDate, port: port.code, vehicleReg });
    }
    // Incidents in a log that never reached the database.
    if (random() < 0.01) {
      const log = logFor(port.code);
      const blankRef = random() < 0.5;
      const reg = `LOG ${String(c).padStart(6, '0')}`;
      const missingRef = blankRef ? null : `CEC/${incidentDate.slice(0, 4)}/L${String(c + 1).padStart(6, '0')}`;
      const line = log.add([legacyDate(incidentDate), '12:00', reg, '', section, section === '32' ? '1' : '', 'Officer Unknown', missingRef ?? '']);
      logMissing.push({ file: log.file, line, ref: missingRef, date: incidentDate, vehicleReg: reg });
    }

    await database.flush();
    await objections.flush();
    await appeals.flush();
    for (const log of logs.values()) await log.flush();
  }

  await database.close();
  await objections.close();
  await appeals.close();
  for (const log of logs.values()) await log.close();

  let companies = 0;
  let mergedVariants = 0;
  for (const used of companyVariantsUsed) {
    if (used === 0) continue;
    companies += 1;
    let bits = 0;
    for (let v = used; v; v >>= 1) bits += v & 1;
    mergedVariants += bits - 1;
  }
  const byRef = (a: { ref: string }, b: { ref: string }) => (a.ref < b.ref ? -1 : a.ref > b.ref ? 1 : 0);
  const byFileAndLine = (a: { file: string; line: number }, b: { file: string; line: number }) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line);
  const truth: LegacyTruth = {
    generator: { seed, rows: targetRows, today },
    rows: { read: written, imported, rejected: rejected.length, duplicates },
    cases: { created: casesCreated },
    liabilities: { created: liabilities, byStage },
    s31aEntrantsCorrected: corrected,
    parties: { created: companies + drivers, mergedVariants },
    money,
    objections: objectionCounts,
    appeals: appealCounts,
    portLogs: { incidentsMissingFromDatabase: logMissing.sort(byFileAndLine), databaseIncidentsMissingFromLogs: databaseMissing.sort(byRef) },
    casesForReview: casesForReview.sort(byRef),
    rejected: rejected.sort(byFileAndLine),
  };
  fs.writeFileSync(path.join(dir, 'truth.json'), `${JSON.stringify(truth, null, 2)}\n`);
  return truth;
}
