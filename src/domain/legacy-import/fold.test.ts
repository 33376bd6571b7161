import { describe, expect, it } from 'vitest';
import { DATABASE_HEADER, type DatabaseColumn } from './formats.js';
import { LegacyImportFold } from './fold.js';

const today = '2026-12-04';

/** A database row: a plain S32 driver's liability, with the columns given changed. */
function row(changes: Partial<Record<DatabaseColumn, string>> = {}): string[] {
  const base: Record<DatabaseColumn, string> = {
    'CECPT Ref': 'CEC/2024/0000001',
    Section: '32',
    'Date of Incident': '10/03/2024',
    Port: 'Coquelles',
    'No. Clandestines': '2',
    'Vehicle Reg': 'AB12 CDE',
    'Trailer Reg': 'T123',
    'Vehicle Nationality': 'GB',
    'Liable Party Type': 'Driver',
    'Liable Party Name': 'José Korvel',
    'Date of Birth': '01/05/1980',
    'Address 1': '1 Rue des Écoles',
    'Address 2': '',
    Town: 'Lille',
    Postcode: '59000',
    Country: 'France',
    'IS11 Sent': '20/03/2024',
    'Penalty Amount': '£12,000.00',
    'Penalty Notice Date': '01/06/2024',
    Status: 'Part paid',
    'Amount Paid': '2000',
    'Date Last Paid': '01/07/2024',
    Notes: '',
  };
  const merged = { ...base, ...changes };
  return DATABASE_HEADER.map((column) => merged[column]);
}

const owner = (changes: Partial<Record<DatabaseColumn, string>> = {}) =>
  row({ 'Liable Party Type': 'Owner', 'Liable Party Name': 'Korvel Trans Sp. z o.o.', 'Date of Birth': '', Country: 'Poland', ...changes });

function fold(rows: string[][], then?: (fold: LegacyImportFold) => void) {
  const folding = new LegacyImportFold(today);
  rows.forEach((cells, index) => folding.addDatabaseRow(index + 2, cells));
  folding.endDatabase();
  then?.(folding);
  return folding.finish();
}

describe('folding the Access database', () => {
  it('makes one case of the rows sharing a CECPT Ref, with a liability per party', () => {
    const { plan, report } = fold([row(), owner(), row({ 'CECPT Ref': 'CEC/2024/0000002', 'Vehicle Reg': 'XY99 ZZZ' })]);
    expect(plan.cases.map((c) => [c.ref, c.liabilities.map((l) => l.partyType)])).toEqual([
      ['CEC/2024/0000001', ['Driver', 'Owner']],
      ['CEC/2024/0000002', ['Driver']],
    ]);
    expect(plan.cases[0]).toMatchObject({ section: '32', incidentDate: '2024-03-10', port: 'CQF', entrants: 2, firstLine: 2 });
    expect(report.cases.created).toBe(2);
    expect(report.liabilities.created).toBe(3);
  });

  it('folds an exact duplicate row once and counts it', () => {
    const { report, plan } = fold([row(), owner(), row()]);
    expect(report.rows).toEqual({ read: 3, imported: 2, rejected: 0, duplicates: 1 });
    expect(plan.cases[0]!.liabilities).toHaveLength(2);
  });

  it('rejects a row whose case facts differ from the first row of its reference, naming the columns and that line', () => {
    const { report, plan } = fold([row(), owner({ 'Date of Incident': '11/03/2024', 'Vehicle Reg': 'AB12 CDF' })]);
    expect(report.rejected).toEqual([
      { file: 'cecpt-database.csv', line: 3, kind: 'conflicting-case-facts', reason: 'Date of Incident, Vehicle Reg differ from line 2 of the same CECPT Ref' },
    ]);
    expect(plan.cases[0]!.liabilities).toHaveLength(1);
  });

  it('does not count spacing in a registration as a conflict', () => {
    const { report } = fold([row(), owner({ 'Vehicle Reg': 'ab12cde' })]);
    expect(report.rows.rejected).toBe(0);
  });

  it('rejects a second, different row for a party already on the case', () => {
    const { report } = fold([owner(), owner({ 'Liable Party Name': 'KORVEL TRANS SP ZOO', Status: 'Paid' })]);
    expect(report.rejected).toEqual([{ file: 'cecpt-database.csv', line: 3, kind: 'party-twice', reason: 'KORVEL TRANS SP ZOO is already a liable party of this CECPT Ref (line 2)' }]);
  });

  it('gives an S31A case no entrants and counts the workaround once per case', () => {
    const s31a = { Section: '31A', 'No. Clandestines': '1' } as const;
    const { plan, report } = fold([row(s31a), owner(s31a)]);
    expect(plan.cases[0]).toMatchObject({ entrants: 0, s31aEntrantsCorrected: true });
    expect(report.s31aEntrantsCorrected).toBe(1);
  });

  it('rejects an S31A incident before the section was in force', () => {
    const { report } = fold([row({ Section: '31A', 'No. Clandestines': '1', 'Date of Incident': '01/02/2023', 'IS11 Sent': '', 'Penalty Notice Date': '', 'Date Last Paid': '' })]);
    expect(report.rejected[0]).toMatchObject({ line: 2, kind: 'bad-value', reason: 'Section 31A did not exist on 01/02/2023 (in force from 13/02/2023)' });
  });

  it.each([
    [{ 'Date of Incident': '31/02/2024' }, 'impossible-date', 'Date of Incident 31/02/2024 is not a real date'],
    [{ 'Date Last Paid': '01/07/2062' }, 'future-date', 'Date Last Paid 01/07/2062 is in the future'],
    [{ 'IS11 Sent': '01/03/2024' }, 'before-incident', 'IS11 Sent 01/03/2024 is before the Date of Incident'],
    [{ 'Penalty Amount': '£6.000,00' }, 'bad-amount', 'Penalty Amount "£6.000,00" is not an amount (write £6,000.00 or 6000)'],
    [{ Port: 'Dovr' }, 'unknown-port', 'Port "Dovr" is not a port Cordon knows'],
    [{ Status: 'Pending' }, 'bad-value', 'Status "Pending" is not one of Referral received, IS11 sent, Penalty imposed, Objection received, Objection upheld, Objection rejected, Appeal lodged, Part paid, Paid, Debt referral, Written off, Cancelled'],
    [{ 'Liable Party Type': 'Consignee' }, 'bad-value', 'Liable Party Type "Consignee" is not one of Driver, Owner, Hirer, Operator'],
    [{ 'CECPT Ref': ' ' }, 'missing-value', 'CECPT Ref is blank'],
  ] as const)('rejects %o with its line and reason', (changes, kind, reason) => {
    const { report, plan } = fold([row({ 'CECPT Ref': 'CEC/2024/0000009', 'Vehicle Reg': 'ZZ11 ZZZ' }), row(changes)]);
    expect(report.rejected).toEqual([{ file: 'cecpt-database.csv', line: 3, kind, reason }]);
    expect(plan.cases.map((c) => c.ref)).toEqual(['CEC/2024/0000009']);
  });

  it('gives every problem of a row in its reason', () => {
    const { report } = fold([row({ 'Penalty Amount': 'TBC', Port: 'Nowhere' })]);
    expect(report.rejected[0]!.reason).toBe('Port "Nowhere" is not a port Cordon knows; Penalty Amount "TBC" is not an amount (write £6,000.00 or 6000)');
  });

  it('rejects a row with the wrong number of cells', () => {
    const { report } = fold([row().slice(0, 10)]);
    expect(report.rejected[0]).toMatchObject({ line: 2, kind: 'column-count', reason: 'the row has 10 columns, not 23' });
  });

  it('keeps the counts adding up: every row imported, folded or rejected', () => {
    const rows = [row(), owner(), row(), row({ Port: 'Dovr', 'CECPT Ref': 'X' }), owner({ 'Vehicle Reg': 'OTHER' }), owner({ 'CECPT Ref': 'CEC/2024/0000003' })];
    const { report } = fold(rows);
    expect(report.rows.read).toBe(rows.length);
    expect(report.rows.imported + report.rows.rejected + report.rows.duplicates).toBe(report.rows.read);
    expect(report.rows).toEqual({ read: 6, imported: 3, rejected: 2, duplicates: 1 });
  });
});

describe('money and stages', () => {
  it('records imposed, paid and outstanding per liability, and nothing outstanding once cancelled or written off', () => {
    const { plan, report } = fold([
      row(),
      owner({ Status: 'Cancelled', 'Amount Paid': '', 'Date Last Paid': '' }),
      row({ 'CECPT Ref': 'CEC/2024/0000002', 'Vehicle Reg': 'XY99 ZZZ', Status: 'Debt referral', 'Amount Paid': '', 'Date Last Paid': '' }),
    ]);
    expect(plan.cases[0]!.liabilities.map((l) => [l.stage, l.imposedPence, l.paidPence, l.outstandingPence])).toEqual([
      ['payment-due', 1_200_000, 200_000, 1_000_000],
      ['closed', 1_200_000, 0, 0],
    ]);
    expect(report.money).toEqual({ imposedPence: 3_600_000, paidPence: 200_000, outstandingPence: 2_200_000 });
    expect(report.liabilities.byStage).toEqual({ 'payment-due': 1, closed: 1, overdue: 1 });
  });

  it('lists for review a case past its 180 days with no penalty notice, and not one that has a notice or is finished', () => {
    const noNotice = { 'IS11 Sent': '', 'Penalty Amount': '', 'Penalty Notice Date': '', Status: 'Referral received', 'Amount Paid': '', 'Date Last Paid': '' } as const;
    const { report } = fold([
      row(noNotice),
      row({ ...noNotice, 'CECPT Ref': 'CEC/2026/0000002', 'Vehicle Reg': 'B', 'Date of Incident': '01/10/2026' }),
      row({ 'CECPT Ref': 'CEC/2024/0000003', 'Vehicle Reg': 'C' }),
      row({ ...noNotice, 'CECPT Ref': 'CEC/2024/0000004', 'Vehicle Reg': 'D', Status: 'Written off' }),
    ]);
    expect(report.casesForReview).toEqual([{ ref: 'CEC/2024/0000001', incidentDate: '2024-03-10', lastDayForNotice: '2024-09-05' }]);
  });
});

describe('parties', () => {
  it('makes one party of a company in several spellings and counts the other spellings', () => {
    const { report, plan } = fold([
      owner(),
      owner({ 'CECPT Ref': 'CEC/2024/0000002', 'Vehicle Reg': 'B', 'Liable Party Name': 'KORVEL TRANS SP ZOO' }),
      owner({ 'CECPT Ref': 'CEC/2024/0000003', 'Vehicle Reg': 'C', 'Liable Party Name': 'Korvel-Trans sp. z o.o.' }),
      owner({ 'CECPT Ref': 'CEC/2024/0000004', 'Vehicle Reg': 'D', 'Liable Party Name': 'KORVEL TRANS SP ZOO' }),
      row({ 'CECPT Ref': 'CEC/2024/0000004', 'Vehicle Reg': 'D' }),
    ]);
    expect(new Set(plan.cases.flatMap((c) => c.liabilities.map((l) => l.party.partyKey))).size).toBe(2);
    expect(report.parties).toEqual({ created: 2, mergedVariants: 2 });
  });

  it('keeps two people of one name apart by their dates of birth', () => {
    const { report } = fold([row(), row({ 'CECPT Ref': 'CEC/2024/0000002', 'Vehicle Reg': 'B', 'Date of Birth': '02/05/1980' })]);
    expect(report.parties.created).toBe(2);
  });
});

describe('objections, appeals and the ports’ logs', () => {
  it('attaches an objection by reference and party name however spelt, and counts one that matches nothing', () => {
    const { plan, report } = fold([row(), owner()], (f) => {
      f.addObjectionRow(2, ['CEC/2024/0000001', 'KORVEL TRANS SP ZOO', '10/06/2024', 'Rejected', '01/08/2024', '']);
      f.addObjectionRow(3, ['cec/2024/0000001', 'JOSE KORVEL', '11/06/2024', '', '', '']);
      f.addObjectionRow(4, ['CEC/2024/0000001', 'Somebody Else Ltd', '11/06/2024', '', '', '']);
      f.addObjectionRow(5, ['CEC/2019/0000001', 'José Korvel', '11/06/2024', '', '', '']);
      f.addObjectionRow(6, ['CEC/2024/0000001', 'José Korvel', '31/06/2024', '', '', '']);
      f.addAppealRow(2, ['CEC/2024/0000001', 'Korvel Trans Sp. z o.o.', '20/08/2024', 'Dover County Court', '01/03/2027', '', '']);
      f.addAppealRow(3, ['CEC/2024/0000002', 'Korvel Trans Sp. z o.o.', '20/08/2024', 'Dover County Court', '', '', '']);
    });
    expect(report.objections).toEqual({ attached: 2, unmatched: 2 });
    expect(report.appeals).toEqual({ attached: 1, unmatched: 1 });
    const [driver, company] = plan.cases[0]!.liabilities;
    expect(company!.objections).toEqual([{ line: 2, receivedOn: '2024-06-10', decision: 'Rejected', decidedOn: '2024-08-01', revisedAmountPence: null }]);
    expect(driver!.objections.map((o) => o.line)).toEqual([3]);
    expect(company!.appeals[0]).toMatchObject({ lodgedOn: '2024-08-20', hearingOn: '2027-03-01', court: 'Dover County Court' });
    expect(report.rejected).toEqual([{ file: 'noo-spreadsheet.csv', line: 6, kind: 'impossible-date', reason: 'Date Received 31/06/2024 is not a real date' }]);
  });

  it('matches log entries by reference, or by date and vehicle when the reference is blank, and lists what is missing each way', () => {
    const { report } = fold(
      [row(), row({ 'CECPT Ref': 'CEC/2024/0000002', 'Vehicle Reg': 'XY99 ZZZ' }), row({ 'CECPT Ref': 'CEC/2024/0000003', 'Vehicle Reg': 'QQ11 QQQ' })],
      (f) => {
        f.addPortLogRow('port-log-coquelles.csv', 2, ['10/03/2024', '10:00', 'AB12 CDE', '', '32', '2', 'Officer A', 'CEC/2024/0000001']);
        f.addPortLogRow('port-log-coquelles.csv', 3, ['10/03/2024', '11:00', 'xy99zzz', '', '32', '2', 'Officer A', '']);
        f.addPortLogRow('port-log-coquelles.csv', 4, ['11/03/2024', '11:00', 'LOG 1', '', '32', '1', 'Officer A', 'CEC/2024/0000077']);
        f.addPortLogRow('port-log-coquelles.csv', 5, ['12/03/2024', '11:00', 'LOG 2', '', '31A', '', 'Officer A', '']);
      },
    );
    expect(report.portLogs.incidentsMissingFromDatabase).toEqual([
      { file: 'port-log-coquelles.csv', line: 4, ref: 'CEC/2024/0000077', date: '2024-03-11', vehicleReg: 'LOG 1' },
      { file: 'port-log-coquelles.csv', line: 5, ref: null, date: '2024-03-12', vehicleReg: 'LOG 2' },
    ]);
    expect(report.portLogs.databaseIncidentsMissingFromLogs).toEqual([{ ref: 'CEC/2024/0000003', incidentDate: '2024-03-10', port: 'CQF', vehicleReg: 'QQ11 QQQ' }]);
  });

  it('refuses logs and spreadsheets before the database is read', () => {
    const folding = new LegacyImportFold(today);
    expect(() => folding.addObjectionRow(2, [])).toThrow(/endDatabase/);
  });
});
