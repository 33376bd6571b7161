import type { FieldError } from '../../platform/events/command.js';
import type { Means, PenaltyCalculationInput, PreviousPenalty, Role } from '../../domain/penalty/penalty-input.js';
import type { CaseFile, LiabilityRow } from './case-file.js';

/** What the case knows besides the form: the register's previous penalties and any assured means result. */
export interface PenaltyFactsFromRecords {
  previousPenalties: readonly PreviousPenalty[];
  means?: Means | undefined;
  /** Recorded on the incident (goods vehicle unless the border said otherwise). */
  goodsVehicle: boolean;
}

function yesNo(body: Record<string, unknown>, name: string): boolean | undefined {
  const value = body[name];
  return value === 'yes' ? true : value === 'no' ? false : undefined;
}

/**
 * The calculator's input for one liability: the case facts (offence, date, role, entrants), the
 * previous penalties counted over the person's resolved identity in the register, the means result,
 * and the caseworker's answers on compliance, accreditation and discretion.
 */
export function penaltyFactsFor(file: CaseFile, row: LiabilityRow, records: PenaltyFactsFromRecords) {
  return (body: Record<string, unknown>): { ok: true; facts: PenaltyCalculationInput } | { ok: false; errors: FieldError[] } => {
    const errors: FieldError[] = [];
    const role = row.role as Role;
    const complied = yesNo(body, 'compliedWithRegulations');
    if (complied === undefined) errors.push({ field: 'compliedWithRegulations', message: 'Choose whether they complied with the regulations' });
    const cpas = role === 'driver' ? false : yesNo(body, 'cpasMember');
    if (cpas === undefined) errors.push({ field: 'cpasMember', message: 'Choose whether the company was an accredited member on the incident date' });
    const percentText = typeof body.discretionPercent === 'string' ? body.discretionPercent.trim() : '';
    const reasonText = typeof body.discretionReason === 'string' ? body.discretionReason.trim() : '';
    let discretion: PenaltyCalculationInput['discretion'];
    if (percentText) {
      const percent = Number(percentText);
      if (!/^\d{1,3}(\.\d+)?$/.test(percentText) || percent <= 0 || percent > 100) {
        errors.push({ field: 'discretionPercent', message: 'The discretionary reduction must be a percentage from 1 to 100' });
      } else if (!reasonText) {
        errors.push({ field: 'discretionReason', message: 'Enter the reason for the discretionary reduction' });
      } else {
        discretion = [{ percent, reasonCode: reasonText, approvedBy: 'the senior officer who assures this recommendation' }];
      }
    }
    if (errors.length) return { ok: false, errors };
    const facts: PenaltyCalculationInput = {
      offence: row.offence as PenaltyCalculationInput['offence'],
      incidentDate: file.kase.incidentDate,
      role,
      vehicleKind: records.goodsVehicle ? 'goods' : 'other',
      ...(row.offence === 'S32' ? { clandestineEntrants: file.kase.clandestineEntrants ?? 0 } : {}),
      previousPenalties: [...records.previousPenalties],
      ...(role === 'driver' ? {} : { cpasMember: cpas! }),
      compliedWithRegulations: complied!,
      ...(discretion ? { discretion } : {}),
      ...(records.means ? { means: records.means } : {}),
    };
    return { ok: true, facts };
  };
}
