import { addDays, type CalendarDate } from '../clock/calendar-date.js';
import type { Stage } from '../liability/stages.js';
import { normaliseName } from '../parties/names.js';
import type { PortCode } from '../reference/ports.js';
import {
  APPEALS_HEADER, APPEAL_OUTCOMES, DATABASE_HEADER, FINISHED_STATUSES, LEGACY_FILES, LEGACY_PARTY_TYPES, LEGACY_STATUSES,
  LEGACY_STATUS_STAGES, OBJECTIONS_HEADER, OBJECTION_DECISIONS, PORT_LOG_HEADER, STATUSES_OWING_NOTHING,
  type AppealOutcome, type LegacyPartyType, type LegacyStatus, type ObjectionDecision,
} from './formats.js';
import { legacyPort } from './ports.js';
import type { CaseForReview, DatabaseIncidentMissing, LogIncidentMissing, ReconciliationReport, RejectedRow } from './report.js';
import {
  notBeforeIncident, readChoice, readEntrants, readLegacyAmount, readLegacyDate, readSection, registrationKey, tidy,
  type Read, type RejectionKind, type Section,
} from './values.js';

/** Section 31A came into force on 13 February 2023 (DOMAIN.md §1): an S31A incident before it is invalid. */
export const SECTION_31A_IN_FORCE: CalendarDate = '2023-02-13';

export interface PlannedParty {
  /** `organisation` for an owner, hirer or operator; `person` for a driver, or anyone with a date of birth (a sole trader). */
  kind: 'person' | 'organisation';
  /** As written on the row (spacing tidied). */
  name: string;
  /** The register's normalised key of the name (src/domain/parties/names.ts), and its umlaut-transcribed twin. */
  nameKey: string;
  alternativeKey: string;
  /** The party's identity within the import: the name's key, and for a person the date of birth. */
  partyKey: string;
  dateOfBirth: CalendarDate | null;
  address: { lines: string[]; town: string; postcode: string; country: string };
}

export interface PlannedObjection {
  line: number;
  receivedOn: CalendarDate;
  decision: ObjectionDecision | null;
  decidedOn: CalendarDate | null;
  revisedAmountPence: number | null;
}

export interface PlannedAppeal {
  line: number;
  lodgedOn: CalendarDate;
  court: string;
  hearingOn: CalendarDate | null;
  outcome: AppealOutcome | null;
  outcomeOn: CalendarDate | null;
}

export interface PlannedLiability {
  /** The database line it came from (the source the timeline will name). */
  line: number;
  partyType: LegacyPartyType;
  party: PlannedParty;
  status: LegacyStatus;
  stage: Stage;
  initialNoticeSentOn: CalendarDate | null;
  penaltyNoticeOn: CalendarDate | null;
  imposedPence: number;
  paidPence: number;
  /** imposed − paid (never below 0), or 0 when the status leaves nothing owed (cancelled, written off, objection upheld). */
  outstandingPence: number;
  lastPaidOn: CalendarDate | null;
  notes: string;
  objections: PlannedObjection[];
  appeals: PlannedAppeal[];
}

export interface PlannedCase {
  ref: string;
  section: Section;
  incidentDate: CalendarDate;
  port: PortCode;
  /** 0 for Section 31A (DOMAIN.md §1: never the Access workaround "1"). */
  entrants: number;
  s31aEntrantsCorrected: boolean;
  vehicleReg: string;
  trailerReg: string;
  vehicleNationality: string;
  /** The line whose case facts the case took (the first valid row of its reference). */
  firstLine: number;
  liabilities: PlannedLiability[];
}

export interface ImportPlan {
  cases: PlannedCase[];
}

type DatabaseRow = Record<(typeof DATABASE_HEADER)[number], string>;

function asRecord<const H extends readonly string[]>(header: H, cells: readonly string[]): Record<H[number], string> {
  const record = {} as Record<H[number], string>;
  header.forEach((column, index) => {
    record[column as H[number]] = cells[index] ?? '';
  });
  return record;
}

/** A 53-bit hash of a row's cells (cyrb53), compared only between rows of one reference. */
function rowHash(cells: readonly string[]): number {
  const text = cells.join('\u0000');
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

interface Reference {
  hashes: number[];
  case?: PlannedCase;
  /** Set when a port's log names the case. */
  inLogs?: boolean;
}

interface Problem {
  kind: RejectionKind;
  reason: string;
}

/** Collects the problems of one row, reading each cell once. */
class RowReader {
  readonly problems: Problem[] = [];
  take<T>(read: Read<T>, fallback: T): T {
    if (read.ok) return read.value;
    this.problems.push({ kind: read.kind, reason: read.reason });
    return fallback;
  }
}

const showDate = (date: CalendarDate) => `${date.slice(8, 10)}/${date.slice(5, 7)}/${date.slice(0, 4)}`;

function keysMeet(a: { nameKey: string; alternativeKey: string }, b: { nameKey: string; alternativeKey: string }): boolean {
  return a.nameKey === b.nameKey || a.nameKey === b.alternativeKey || a.alternativeKey === b.nameKey || a.alternativeKey === b.alternativeKey;
}

/**
 * Folds the legacy record into an import plan and its reconciliation report. Pure: it is given
 * each file's rows (cells in header order, with their line numbers) and `today`, and reads no file
 * and no clock. The database's rows come first (`addDatabaseRow`), then `endDatabase()`, then the
 * ports' logs and the two spreadsheets in any order, then `finish()`.
 *
 * Every database row is imported, folded as an exact duplicate of an earlier row of its reference,
 * or rejected with its line and reason. Rows sharing a CECPT Ref are one case with a liability per
 * party; the first valid row of a reference sets the case's facts (section, date, port, entrants,
 * vehicle, trailer, nationality), and a later row that disagrees with any of them is rejected
 * ("conflicting-case-facts"), never merged by guessing which is right. A second row for a party
 * already on the case that is not an exact duplicate is rejected too ("party-twice").
 */
export class LegacyImportFold {
  private readonly references = new Map<string, Reference>();
  private readonly cases: PlannedCase[] = [];
  private readonly spellings = new Map<string, string | Set<string>>();
  private readonly rejected: RejectedRow[] = [];
  private readonly byDateAndVehicle = new Map<string, Reference>();
  private readonly logMissing: LogIncidentMissing[] = [];
  private databaseEnded = false;
  private read = 0;
  private imported = 0;
  private duplicates = 0;
  private objections = { attached: 0, unmatched: 0 };
  private appeals = { attached: 0, unmatched: 0 };

  constructor(private readonly today: CalendarDate) {}

  /** How many database rows have been read so far (for progress). */
  get rowsRead(): number {
    return this.read;
  }

  private reject(file: string, line: number, problems: Problem[]): void {
    this.rejected.push({ file, line, kind: problems[0]!.kind, reason: problems.map((p) => p.reason).join('; ') });
  }

  addDatabaseRow(line: number, cells: readonly string[]): void {
    if (this.databaseEnded) throw new Error('database rows come before endDatabase()');
    this.read += 1;
    const file = LEGACY_FILES.database;
    if (cells.length !== DATABASE_HEADER.length) {
      this.reject(file, line, [{ kind: 'column-count', reason: `the row has ${cells.length} columns, not ${DATABASE_HEADER.length}` }]);
      return;
    }
    const row: DatabaseRow = asRecord(DATABASE_HEADER, cells);
    const ref = tidy(row['CECPT Ref']).toUpperCase();
    if (ref === '') {
      this.reject(file, line, [{ kind: 'missing-value', reason: 'CECPT Ref is blank' }]);
      return;
    }
    let reference = this.references.get(ref);
    if (!reference) {
      reference = { hashes: [] };
      this.references.set(ref, reference);
    }
    const hash = rowHash(cells);
    if (reference.hashes.includes(hash)) {
      this.duplicates += 1;
      return;
    }
    reference.hashes.push(hash);

    const reader = new RowReader();
    const section = reader.take(readSection(row.Section), null);
    const incidentDate = reader.take(readLegacyDate('Date of Incident', row['Date of Incident'], this.today, { required: true }), null);
    if (section === '31A' && incidentDate !== null && incidentDate < SECTION_31A_IN_FORCE) {
      reader.problems.push({ kind: 'bad-value', reason: `Section 31A did not exist on ${showDate(incidentDate)} (in force from 13/02/2023)` });
    }
    const port = legacyPort(row.Port);
    if (port === null) {
      reader.problems.push(
        tidy(row.Port) === '' ? { kind: 'missing-value', reason: 'Port is blank' } : { kind: 'unknown-port', reason: `Port "${tidy(row.Port)}" is not a port Cordon knows` },
      );
    }
    const entrants = section === null ? null : reader.take(readEntrants(section, row['No. Clandestines']), null);
    const partyType = reader.take(readChoice('Liable Party Type', row['Liable Party Type'], LEGACY_PARTY_TYPES), null);
    const name = tidy(row['Liable Party Name']);
    if (name === '') reader.problems.push({ kind: 'missing-value', reason: 'Liable Party Name is blank' });
    const dateOfBirth = reader.take(readLegacyDate('Date of Birth', row['Date of Birth'], this.today), null);
    const stepDate = (column: 'IS11 Sent' | 'Penalty Notice Date' | 'Date Last Paid') => {
      const date = reader.take(readLegacyDate(column, row[column], this.today), null);
      return incidentDate === null ? date : reader.take(notBeforeIncident(column, row[column], date, incidentDate), null);
    };
    const initialNoticeSentOn = stepDate('IS11 Sent');
    const penaltyNoticeOn = stepDate('Penalty Notice Date');
    const lastPaidOn = stepDate('Date Last Paid');
    const imposedPence = reader.take(readLegacyAmount('Penalty Amount', row['Penalty Amount']), 0);
    const paidPence = reader.take(readLegacyAmount('Amount Paid', row['Amount Paid']), 0);
    const status = reader.take(readChoice('Status', row.Status, LEGACY_STATUSES), null);

    let party: PlannedParty | null = null;
    if (name !== '' && partyType !== null) {
      const kind = partyType === 'Driver' || dateOfBirth !== null ? 'person' : 'organisation';
      const normalised = normaliseName(name, { legalForms: kind === 'organisation' });
      if (normalised.key === '') reader.problems.push({ kind: 'bad-value', reason: `Liable Party Name "${name}" has no letters or digits` });
      party = {
        kind,
        name,
        nameKey: normalised.key,
        alternativeKey: normalised.alternativeKey,
        partyKey: kind === 'person' ? `p:${normalised.key}:${dateOfBirth ?? ''}` : `o:${normalised.key}`,
        dateOfBirth,
        address: {
          lines: [tidy(row['Address 1']), tidy(row['Address 2'])].filter(Boolean),
          town: tidy(row.Town),
          postcode: tidy(row.Postcode),
          country: tidy(row.Country),
        },
      };
    }
    if (reader.problems.length > 0 || !section || !incidentDate || !port || !entrants || !partyType || !status || !party) {
      this.reject(file, line, reader.problems.length ? reader.problems : [{ kind: 'bad-value', reason: 'the row could not be read' }]);
      return;
    }

    const facts = {
      section,
      incidentDate,
      port,
      entrants: entrants.entrants,
      vehicleReg: tidy(row['Vehicle Reg']).toUpperCase(),
      trailerReg: tidy(row['Trailer Reg']).toUpperCase(),
      vehicleNationality: tidy(row['Vehicle Nationality']),
    };
    let plannedCase = reference.case;
    if (plannedCase) {
      const conflicts = caseFactConflicts(plannedCase, facts);
      if (conflicts.length > 0) {
        this.reject(file, line, [{ kind: 'conflicting-case-facts', reason: `${conflicts.join(', ')} differ${conflicts.length === 1 ? 's' : ''} from line ${plannedCase.firstLine} of the same CECPT Ref` }]);
        return;
      }
      const same = plannedCase.liabilities.find((liability) => liability.party.partyKey === party.partyKey);
      if (same) {
        this.reject(file, line, [{ kind: 'party-twice', reason: `${name} is already a liable party of this CECPT Ref (line ${same.line})` }]);
        return;
      }
    } else {
      plannedCase = { ref, ...facts, s31aEntrantsCorrected: false, firstLine: line, liabilities: [] };
      reference.case = plannedCase;
      this.cases.push(plannedCase);
    }
    if (entrants.corrected) plannedCase.s31aEntrantsCorrected = true;
    const outstandingPence = STATUSES_OWING_NOTHING.has(status) ? 0 : Math.max(0, imposedPence - paidPence);
    plannedCase.liabilities.push({
      line,
      partyType,
      party,
      status,
      stage: LEGACY_STATUS_STAGES[status],
      initialNoticeSentOn,
      penaltyNoticeOn,
      imposedPence,
      paidPence,
      outstandingPence,
      lastPaidOn,
      notes: tidy(row.Notes),
      objections: [],
      appeals: [],
    });
    this.imported += 1;
    const known = this.spellings.get(party.partyKey);
    if (known === undefined) this.spellings.set(party.partyKey, name);
    else if (typeof known === 'string') {
      if (known !== name) this.spellings.set(party.partyKey, new Set([known, name]));
    } else known.add(name);
  }

  /** The database is read: the logs and spreadsheets can now be matched against its cases. */
  endDatabase(): void {
    this.databaseEnded = true;
    for (const plannedCase of this.cases) {
      if (plannedCase.vehicleReg) this.byDateAndVehicle.set(`${plannedCase.incidentDate}|${registrationKey(plannedCase.vehicleReg)}`, this.references.get(plannedCase.ref)!);
    }
  }

  private requireDatabaseEnded(): void {
    if (!this.databaseEnded) throw new Error('call endDatabase() before the logs and spreadsheets');
  }

  private liabilityFor(ref: string, name: string): PlannedLiability | undefined {
    const plannedCase = this.references.get(tidy(ref).toUpperCase())?.case;
    if (!plannedCase) return undefined;
    const asOrganisation = normaliseName(name);
    const asPerson = normaliseName(name, { legalForms: false });
    const keys = (kind: 'person' | 'organisation') =>
      kind === 'organisation' ? { nameKey: asOrganisation.key, alternativeKey: asOrganisation.alternativeKey } : { nameKey: asPerson.key, alternativeKey: asPerson.alternativeKey };
    return plannedCase.liabilities.find((liability) => keysMeet(liability.party, keys(liability.party.kind)));
  }

  /** A row of a port's log: matched to a case by its CECPT Ref, or when that is blank by date and vehicle. */
  addPortLogRow(file: string, line: number, cells: readonly string[]): void {
    this.requireDatabaseEnded();
    if (cells.length !== PORT_LOG_HEADER.length) {
      this.reject(file, line, [{ kind: 'column-count', reason: `the row has ${cells.length} columns, not ${PORT_LOG_HEADER.length}` }]);
      return;
    }
    const row = asRecord(PORT_LOG_HEADER, cells);
    const reader = new RowReader();
    const date = reader.take(readLegacyDate('Date', row.Date, this.today, { required: true }), null);
    if (!date) {
      this.reject(file, line, reader.problems);
      return;
    }
    const ref = tidy(row['CECPT Ref']).toUpperCase();
    const vehicleReg = tidy(row['Vehicle Reg']).toUpperCase();
    const reference = ref ? this.references.get(ref) : this.byDateAndVehicle.get(`${date}|${registrationKey(vehicleReg)}`);
    if (reference?.case) reference.inLogs = true;
    else this.logMissing.push({ file, line, ref: ref || null, date, vehicleReg });
  }

  /** A row of the notices-of-objection spreadsheet, attached to its liability by reference and party name. */
  addObjectionRow(line: number, cells: readonly string[]): void {
    this.requireDatabaseEnded();
    const file = LEGACY_FILES.objections;
    if (cells.length !== OBJECTIONS_HEADER.length) {
      this.reject(file, line, [{ kind: 'column-count', reason: `the row has ${cells.length} columns, not ${OBJECTIONS_HEADER.length}` }]);
      return;
    }
    const row = asRecord(OBJECTIONS_HEADER, cells);
    const reader = new RowReader();
    const receivedOn = reader.take(readLegacyDate('Date Received', row['Date Received'], this.today, { required: true }), null);
    const decision = reader.take(readChoice('Decision', row.Decision, OBJECTION_DECISIONS, { blank: true }), null);
    const decidedOn = reader.take(readLegacyDate('Decision Date', row['Decision Date'], this.today), null);
    const revised = tidy(row['Revised Amount']) === '' ? null : reader.take(readLegacyAmount('Revised Amount', row['Revised Amount']), null);
    if (reader.problems.length > 0 || !receivedOn) {
      this.reject(file, line, reader.problems);
      return;
    }
    const liability = this.liabilityFor(row['CECPT Ref'], row['Liable Party Name']);
    if (!liability) {
      this.objections.unmatched += 1;
      return;
    }
    liability.objections.push({ line, receivedOn, decision, decidedOn, revisedAmountPence: revised });
    this.objections.attached += 1;
  }

  /** A row of the appeals spreadsheet, attached to its liability by reference and party name. */
  addAppealRow(line: number, cells: readonly string[]): void {
    this.requireDatabaseEnded();
    const file = LEGACY_FILES.appeals;
    if (cells.length !== APPEALS_HEADER.length) {
      this.reject(file, line, [{ kind: 'column-count', reason: `the row has ${cells.length} columns, not ${APPEALS_HEADER.length}` }]);
      return;
    }
    const row = asRecord(APPEALS_HEADER, cells);
    const reader = new RowReader();
    const lodgedOn = reader.take(readLegacyDate('Date Lodged', row['Date Lodged'], this.today, { required: true }), null);
    // A hearing may be listed ahead: only an impossible hearing date is refused.
    const hearing = readLegacyDate('Hearing Date', row['Hearing Date'], '9999-12-31');
    const hearingOn = reader.take(hearing, null);
    const outcome = reader.take(readChoice('Outcome', row.Outcome, APPEAL_OUTCOMES, { blank: true }), null);
    const outcomeOn = reader.take(readLegacyDate('Outcome Date', row['Outcome Date'], this.today), null);
    if (reader.problems.length > 0 || !lodgedOn) {
      this.reject(file, line, reader.problems);
      return;
    }
    const liability = this.liabilityFor(row['CECPT Ref'], row['Liable Party Name']);
    if (!liability) {
      this.appeals.unmatched += 1;
      return;
    }
    liability.appeals.push({ line, lodgedOn, court: tidy(row.Court), hearingOn, outcome, outcomeOn });
    this.appeals.attached += 1;
  }

  finish(): { plan: ImportPlan; report: ReconciliationReport } {
    this.requireDatabaseEnded();
    const byStage: Partial<Record<Stage, number>> = {};
    const money = { imposedPence: 0, paidPence: 0, outstandingPence: 0 };
    let liabilities = 0;
    let corrected = 0;
    const casesForReview: CaseForReview[] = [];
    const databaseIncidentsMissingFromLogs: DatabaseIncidentMissing[] = [];
    for (const plannedCase of this.cases) {
      if (plannedCase.s31aEntrantsCorrected) corrected += 1;
      for (const liability of plannedCase.liabilities) {
        liabilities += 1;
        byStage[liability.stage] = (byStage[liability.stage] ?? 0) + 1;
        money.imposedPence += liability.imposedPence;
        money.paidPence += liability.paidPence;
        money.outstandingPence += liability.outstandingPence;
      }
      const lastDayForNotice = addDays(plannedCase.incidentDate, 179);
      if (
        this.today > lastDayForNotice &&
        plannedCase.liabilities.every((liability) => liability.penaltyNoticeOn === null) &&
        plannedCase.liabilities.some((liability) => !FINISHED_STATUSES.has(liability.status))
      ) {
        casesForReview.push({ ref: plannedCase.ref, incidentDate: plannedCase.incidentDate, lastDayForNotice });
      }
      if (!this.references.get(plannedCase.ref)!.inLogs) {
        databaseIncidentsMissingFromLogs.push({ ref: plannedCase.ref, incidentDate: plannedCase.incidentDate, port: plannedCase.port, vehicleReg: plannedCase.vehicleReg });
      }
    }
    let mergedVariants = 0;
    for (const names of this.spellings.values()) if (typeof names !== 'string') mergedVariants += names.size - 1;
    const byRef = (a: { ref: string }, b: { ref: string }) => (a.ref < b.ref ? -1 : a.ref > b.ref ? 1 : 0);
    const byFileAndLine = (a: { file: string; line: number }, b: { file: string; line: number }) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line);
    const report: ReconciliationReport = {
      rows: { read: this.read, imported: this.imported, rejected: this.rejected.filter((r) => r.file === LEGACY_FILES.database).length, duplicates: this.duplicates },
      cases: { created: this.cases.length },
      liabilities: { created: liabilities, byStage },
      s31aEntrantsCorrected: corrected,
      parties: { created: this.spellings.size, mergedVariants },
      money,
      objections: { ...this.objections },
      appeals: { ...this.appeals },
      portLogs: {
        incidentsMissingFromDatabase: [...this.logMissing].sort(byFileAndLine),
        databaseIncidentsMissingFromLogs: databaseIncidentsMissingFromLogs.sort(byRef),
      },
      casesForReview: casesForReview.sort(byRef),
      rejected: [...this.rejected].sort(byFileAndLine),
    };
    return { plan: { cases: this.cases }, report };
  }
}

type CaseFacts = Pick<PlannedCase, 'section' | 'incidentDate' | 'port' | 'entrants' | 'vehicleReg' | 'trailerReg' | 'vehicleNationality'>;

/** The columns on which a later row of a reference disagrees with the case's first. */
function caseFactConflicts(plannedCase: PlannedCase, facts: CaseFacts): string[] {
  const conflicts: string[] = [];
  if (plannedCase.section !== facts.section) conflicts.push('Section');
  if (plannedCase.incidentDate !== facts.incidentDate) conflicts.push('Date of Incident');
  if (plannedCase.port !== facts.port) conflicts.push('Port');
  if (plannedCase.entrants !== facts.entrants) conflicts.push('No. Clandestines');
  if (registrationKey(plannedCase.vehicleReg) !== registrationKey(facts.vehicleReg)) conflicts.push('Vehicle Reg');
  if (registrationKey(plannedCase.trailerReg) !== registrationKey(facts.trailerReg)) conflicts.push('Trailer Reg');
  if (plannedCase.vehicleNationality.toLowerCase() !== facts.vehicleNationality.toLowerCase()) conflicts.push('Vehicle Nationality');
  return conflicts;
}
