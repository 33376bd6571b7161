import type { FieldError } from '../../platform/events/command.js';
import type { Means, PenaltyCalculationInput, PreviousPenalty, Role } from '../../domain/penalty/penalty-input.js';
import type { CaseFile, LiabilityRow } from './case-file.js';
import type { ParseContext, PenaltyAnswers } from './action-forms.js';
import type { CasesService } from './service.js';
import type { PartiesService } from '../parties/service.js';
import type { IncidentReader } from './incident-reader.js';

/** What the case knows besides the form: the register's previous penalties and any assured means result. */
export interface PenaltyFactsFromRecords {
  previousPenalties: readonly PreviousPenalty[];
  means?: Means | undefined;
  /** Recorded on the incident (goods vehicle unless the border said otherwise). */
  goodsVehicle: boolean;
  /**
   * The company's CPAS membership on the incident date, from the accreditation register (any of
   * its resolved identity's entries); absent when the register is not read or the person is not
   * identified in it.
   */
  cpasRegister?: { member: boolean; on: string } | undefined;
}

/**
 * The calculator's input for one liability: the case facts (offence, date, role, entrants), the
 * previous penalties counted over the person's resolved identity in the register, the means result,
 * and the caseworker's answers on compliance, accreditation and discretion (read by the step's
 * schema; what depends on the person — no accreditation question for a driver — is checked here).
 */
export function penaltyFactsFor(file: CaseFile, row: LiabilityRow, records: PenaltyFactsFromRecords) {
  return (answers: PenaltyAnswers): { ok: true; facts: PenaltyCalculationInput } | { ok: false; errors: FieldError[] } => {
    const errors: FieldError[] = [];
    const role = row.role as Role;
    const complied = answers.compliedWithRegulations;
    if (complied === undefined) errors.push({ field: 'compliedWithRegulations', message: 'Choose whether they complied with the regulations' });
    // A member on the incident date by the register gets the reduction without anyone typing it.
    const cpas = role === 'driver' ? false : records.cpasRegister?.member ? true : answers.cpasMember;
    if (cpas === undefined) errors.push({ field: 'cpasMember', message: 'Choose whether the company was an accredited member on the incident date' });
    if (role !== 'driver' && records.cpasRegister?.member && answers.cpasMember === false) {
      errors.push({ field: 'cpasMember', message: `The accreditation register shows the company as a member on ${records.cpasRegister.on}: answer yes, or correct the register` });
    }
    const item = (percentField: string, percent: number | undefined, reasonCode: string | undefined, explanation: string | undefined) => {
      if (percent === undefined) return undefined;
      if (!Number.isFinite(percent) || percent <= 0 || percent > 100) {
        errors.push({ field: percentField, message: 'The discretionary reduction must be a percentage from 1 to 100' });
        return undefined;
      }
      const reasonField = percentField.replace('Percent', 'Reason');
      if (!reasonCode?.trim()) {
        errors.push({ field: reasonField, message: 'Choose the reason for the discretionary reduction' });
        return undefined;
      }
      // The approval itself is a step on the case (approveDiscretion), by a Senior Officer who did not draft it.
      return { percent, reasonCode: reasonCode.trim(), ...(explanation?.trim() ? { explanation: explanation.trim() } : {}), approvedBy: 'a Senior Officer on the case' };
    };
    const single = item('discretionPercent', answers.discretionPercent, answers.discretionReason, answers.discretionExplanation);
    const discretion: PenaltyCalculationInput['discretion'] = single ? [single] : undefined;
    const postMeansDiscretion = item('postMeansDiscretionPercent', answers.postMeansDiscretionPercent, answers.postMeansDiscretionReason, answers.postMeansDiscretionExplanation);
    if (postMeansDiscretion && !records.means) {
      errors.push({ field: 'postMeansDiscretionPercent', message: 'Discretion after means testing needs an assured means assessment of this person: record and assure it first' });
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
      ...(postMeansDiscretion && records.means ? { postMeansDiscretion } : {}),
    };
    return { ok: true, facts };
  };
}

export interface PenaltyFactsSources {
  cases: CasesService;
  parties: PartiesService;
  borderEvents: IncidentReader;
  /** An assured means result, by liability (from the means-testing work). */
  meansFor?: ((liabilityId: string) => Promise<Means | undefined>) | undefined;
  /** A register entry's CPAS membership status on a date (accreditation's membership-service). */
  membershipOn?: ((partyId: string, date: string) => Promise<string>) | undefined;
}

/**
 * What a step's answers are completed with, for the first chosen liability: read from the register,
 * the incident and the means records. The case page's forms and the API use this one reading.
 */
export function stepContext(sources: PenaltyFactsSources) {
  return async (file: CaseFile, rows: readonly LiabilityRow[]): Promise<ParseContext> => {
    const row = rows[0];
    if (!row) return {};
    const members = row.partyId ? await sources.parties.identityMembers(row.partyId) : [];
    const previousPenalties = await sources.cases.previousPenalties(members, file.kase.id, file.kase.incidentDate);
    const incident = file.kase.incidentId ? await sources.borderEvents.incidentForCase(file.kase.id) : null;
    const kind = (incident?.data as { vehicleKind?: string } | undefined)?.vehicleKind;
    const means = sources.meansFor ? await sources.meansFor(row.id) : undefined;
    const cpasRegister = row.role !== 'driver' && sources.membershipOn && members.length > 0 ? await cpasRegisterOn(sources.membershipOn, members, file.kase.incidentDate) : undefined;
    return { penaltyFacts: penaltyFactsFor(file, row, { previousPenalties, means, goodsVehicle: kind === undefined || kind === 'hgv' || kind === 'van', cpasRegister }) };
  };
}

/** A member on `date` when any entry of the resolved identity is (the membership may be held under a merged entry). */
async function cpasRegisterOn(membershipOn: (partyId: string, date: string) => Promise<string>, partyIds: readonly string[], date: string) {
  for (const partyId of partyIds) if ((await membershipOn(partyId, date)) === 'member') return { member: true, on: date };
  return { member: false, on: date };
}
