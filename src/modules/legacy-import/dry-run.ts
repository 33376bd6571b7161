import fs from 'node:fs';
import path from 'node:path';
import type { CalendarDate } from '../../domain/clock/calendar-date.js';
import { LegacyImportFold, type ImportPlan } from '../../domain/legacy-import/fold.js';
import { APPEALS_HEADER, DATABASE_HEADER, LEGACY_FILES, OBJECTIONS_HEADER, PORT_LOG_FILE, PORT_LOG_HEADER } from '../../domain/legacy-import/formats.js';
import type { ReconciliationReport } from '../../domain/legacy-import/report.js';
import { readLegacyCsv } from './read.js';

export interface LegacyProgress {
  file: string;
  rowsRead: number;
  done: boolean;
}

export interface LegacyReadOptions {
  dir: string;
  /** The UK calendar date the import runs on: later dates are refused as in the future. */
  today: CalendarDate;
  /** Called every `progressEvery` rows of each file and at each file's end. */
  onProgress?: (progress: LegacyProgress) => void;
  progressEvery?: number;
  /** Files that could not be found (the two spreadsheets and the logs may be missing: nothing to attach then). */
  onMissingFile?: (file: string) => void;
}

/** A legacy export's files missing from the folder, or a folder that is not there: an error a person can act on. */
export class LegacyFolderError extends Error {}

/**
 * Reads a folder of legacy files and folds them (src/domain/legacy-import/fold.ts): the database
 * first, then every `port-log-*.csv` (in name order), then the objections and the appeals. Rows
 * stream through; nothing is written anywhere. Returns the import plan and the reconciliation report.
 */
export async function readLegacyExport(options: LegacyReadOptions): Promise<{ plan: ImportPlan; report: ReconciliationReport }> {
  const { dir, today, onProgress } = options;
  const every = options.progressEvery ?? 50_000;
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) throw new LegacyFolderError(`${dir} is not a folder`);
  const databasePath = path.join(dir, LEGACY_FILES.database);
  if (!fs.existsSync(databasePath)) throw new LegacyFolderError(`${dir} has no ${LEGACY_FILES.database}`);
  const fold = new LegacyImportFold(today);

  async function each(file: string, header: readonly string[], add: (line: number, cells: string[]) => void): Promise<void> {
    const filePath = path.join(dir, file);
    if (!fs.existsSync(filePath)) {
      options.onMissingFile?.(file);
      return;
    }
    let rows = 0;
    for await (const { line, cells } of readLegacyCsv(filePath, file, header)) {
      add(line, cells);
      rows += 1;
      if (onProgress && rows % every === 0) onProgress({ file, rowsRead: rows, done: false });
    }
    onProgress?.({ file, rowsRead: rows, done: true });
  }

  await each(LEGACY_FILES.database, DATABASE_HEADER, (line, cells) => fold.addDatabaseRow(line, cells));
  fold.endDatabase();
  const logs = fs
    .readdirSync(dir)
    .filter((name) => PORT_LOG_FILE.test(name))
    .sort();
  if (logs.length === 0) options.onMissingFile?.('port-log-<port>.csv');
  for (const log of logs) await each(log, PORT_LOG_HEADER, (line, cells) => fold.addPortLogRow(log, line, cells));
  await each(LEGACY_FILES.objections, OBJECTIONS_HEADER, (line, cells) => fold.addObjectionRow(line, cells));
  await each(LEGACY_FILES.appeals, APPEALS_HEADER, (line, cells) => fold.addAppealRow(line, cells));
  return fold.finish();
}

const pounds = (pence: number) => `£${(pence / 100).toLocaleString('en-GB', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;

/** The report as a two-column table for the terminal (the JSON file has every list in full). */
export function reportTable(report: ReconciliationReport): string {
  const rows: [string, string][] = [
    ['Database rows read', String(report.rows.read)],
    ['  imported', String(report.rows.imported)],
    ['  rejected', String(report.rows.rejected)],
    ['  exact duplicates folded', String(report.rows.duplicates)],
    ['Cases', String(report.cases.created)],
    ['Liabilities', String(report.liabilities.created)],
    ...Object.entries(report.liabilities.byStage)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([stage, count]): [string, string] => [`  ${stage}`, String(count)]),
    ['S31A cases with the entrant workaround removed', String(report.s31aEntrantsCorrected)],
    [report.parties.matched === undefined ? 'Parties (by normalised name)' : 'Parties registered', String(report.parties.created)],
    ...(report.parties.matched === undefined ? [] : [['  already in the register', String(report.parties.matched)] as [string, string]]),
    ['  other spellings merged', String(report.parties.mergedVariants)],
    ['Imposed', pounds(report.money.imposedPence)],
    ['Paid', pounds(report.money.paidPence)],
    ['Outstanding', pounds(report.money.outstandingPence)],
    ['Objections attached', String(report.objections.attached)],
    ['Objections not matched', String(report.objections.unmatched)],
    ['Appeals attached', String(report.appeals.attached)],
    ['Appeals not matched', String(report.appeals.unmatched)],
    ['Log incidents missing from the database', String(report.portLogs.incidentsMissingFromDatabase.length)],
    ['Database incidents missing from the logs', String(report.portLogs.databaseIncidentsMissingFromLogs.length)],
    ['Cases past 180 days without a notice (review)', String(report.casesForReview.length)],
    ['Rows rejected, all files', String(report.rejected.length)],
  ];
  const width = Math.max(...rows.map(([label]) => label.length));
  return rows.map(([label, value]) => `${label.padEnd(width)}  ${value.padStart(14)}`).join('\n');
}
