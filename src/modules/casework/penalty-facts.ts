import type { FieldError } from '../../platform/events/command.js';
import type { CpasAnswer, CpasRegisterStatus } from '../../domain/liability/actions.js';
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
   * identified in it (then: not a member, unless overridden).
   */
  cpasRegister?: CpasRegisterAnswer | undefined;
  /**
   * An override of the register a Senior Officer confirmed on this liability's recommendation: it
   * stands when the penalty is calculated again after imposition (an objection's determination).
   */
  cpasOverrideInForce?: CpasAnswer | undefined;
}

/** What the accreditation register says of a company on a date (`status` with the membership's reference). */
export interface CpasRegisterAnswer {
  status: CpasRegisterStatus;
  reference: string | null;
  on: string;
}

export type PenaltyFactsOutcome = { ok: true; facts: PenaltyCalculationInput; cpas?: CpasAnswer } | { ok: false; errors: FieldError[] };

/**
 * The calculator's input for one liability: the case facts (offence, date, role, entrants), the
 * previous penalties counted over the person's resolved identity in the register, the means result,
 * the accreditation register's answer on the incident date (or the caseworker's override of it,
 * with a reason) and the caseworker's answers on compliance and discretion (read by the step's
 * schema; what depends on the person — no accreditation for a driver — is checked here).
 */
export function penaltyFactsFor(file: CaseFile, row: LiabilityRow, records: PenaltyFactsFromRecords) {
  return (answers: PenaltyAnswers): PenaltyFactsOutcome => {
    const errors: FieldError[] = [];
    const role = row.role as Role;
    const complied = answers.compliedWithRegulations;
    if (complied === undefined) errors.push({ field: 'compliedWithRegulations', message: 'Choose whether they complied with the regulations' });
    const cpas = cpasAnswerFor(role, file.kase.incidentDate, records, answers, errors);
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
      ...(cpas ? { cpasMember: cpas.member } : {}),
      compliedWithRegulations: complied!,
      ...(discretion ? { discretion } : {}),
      ...(records.means ? { means: records.means } : {}),
      ...(postMeansDiscretion && records.means ? { postMeansDiscretion } : {}),
    };
    return { ok: true, facts, ...(cpas ? { cpas } : {}) };
  };
}

/**
 * The CPAS answer the calculation takes: the register's status on the incident date (a suspended or
 * removed member is not a member); a confirmed override already on the liability; or the
 * caseworker's override, only with a reason and only when it differs from the register. Never for
 * a driver. Errors go beside the override's fields.
 */
function cpasAnswerFor(role: Role, incidentDate: string, records: PenaltyFactsFromRecords, answers: PenaltyAnswers, errors: FieldError[]): CpasAnswer | undefined {
  const claimed = answers.cpasOverride;
  const reason = answers.cpasOverrideReason?.trim();
  if (role === 'driver') {
    if (claimed !== undefined || reason) errors.push({ field: 'cpasOverride', message: 'A driver’s penalty has no accreditation reduction: leave the accreditation override empty' });
    return undefined;
  }
  const register = records.cpasRegister ?? { status: 'notMember' as const, reference: null, on: incidentDate };
  const registerMember = register.status === 'member';
  const read = { status: register.status, reference: register.reference };
  if (claimed === undefined) {
    if (reason) {
      errors.push({ field: 'cpasOverride', message: 'Choose what the company’s membership was on the incident date, or remove the reason' });
      return undefined;
    }
    if (records.cpasOverrideInForce) return records.cpasOverrideInForce;
    return { source: 'register', member: registerMember, ...read };
  }
  if (claimed === registerMember) {
    errors.push({ field: 'cpasOverride', message: `The register already shows the company as ${registerMember ? 'a member' : 'not a member'} on the incident date: leave the override empty` });
    return undefined;
  }
  if (!reason) {
    errors.push({ field: 'cpasOverrideReason', message: 'Enter why the register is wrong for this incident' });
    return undefined;
  }
  return { source: 'override', member: claimed, ...read, reason };
}

export interface PenaltyFactsSources {
  cases: CasesService;
  parties: PartiesService;
  borderEvents: IncidentReader;
  /** An assured means result, by liability (from the means-testing work). */
  meansFor?: ((liabilityId: string) => Promise<Means | undefined>) | undefined;
  /** A register entry's CPAS membership status on a date, with the membership's reference (accreditation's membership-service). */
  membershipOn?: MembershipOn | undefined;
}

export type MembershipOn = (partyId: string, date: string) => Promise<{ status: string; reference?: string | null }>;

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
    const cpasOverrideInForce = confirmedOverrideAfterImposition(file, row);
    return { penaltyFacts: penaltyFactsFor(file, row, { previousPenalties, means, goodsVehicle: kind === undefined || kind === 'hgv' || kind === 'van', cpasRegister, cpasOverrideInForce }) };
  };
}

/** The register's answer for a liability's person on the incident date, for the step's page (null for a driver or without the register). */
export async function cpasRegisterFor(sources: Pick<PenaltyFactsSources, 'parties' | 'membershipOn'>, file: CaseFile, row: LiabilityRow): Promise<CpasRegisterAnswer | null> {
  if (row.role === 'driver' || !sources.membershipOn) return null;
  const members = row.partyId ? await sources.parties.identityMembers(row.partyId) : [];
  return members.length > 0 ? cpasRegisterOn(sources.membershipOn, members, file.kase.incidentDate) : { status: 'notMember', reference: null, on: file.kase.incidentDate };
}

/** A Senior Officer's confirmed override on the recommendation of an imposed penalty (kept for its recalculations). */
function confirmedOverrideAfterImposition(file: CaseFile, row: LiabilityRow): CpasAnswer | undefined {
  const state = file.states.get(row.id);
  const recommendation = state?.recommendation;
  return state?.penaltyNotice && recommendation?.cpas?.source === 'override' && recommendation.cpasOverrideConfirmation ? recommendation.cpas : undefined;
}

/** How a register status reads on a recommendation: a member, suspended, removed (reapplying or not), or not a member. */
const REGISTER_STATUS: Record<string, CpasRegisterStatus> = { member: 'member', suspended: 'suspended', removed: 'removed', eligibleToReapply: 'removed' };
const STATUS_WEIGHT: Record<CpasRegisterStatus, number> = { member: 3, suspended: 2, removed: 1, notMember: 0 };

/**
 * The company's status on `date` over every register entry of its resolved identity (a membership
 * may be held under a merged entry): a member when any entry is; otherwise the entry nearest to
 * membership (suspended, then removed), with its reference.
 */
async function cpasRegisterOn(membershipOn: MembershipOn, partyIds: readonly string[], date: string): Promise<CpasRegisterAnswer> {
  let best: CpasRegisterAnswer = { status: 'notMember', reference: null, on: date };
  for (const partyId of partyIds) {
    const found = await membershipOn(partyId, date);
    const status = REGISTER_STATUS[found.status] ?? 'notMember';
    if (STATUS_WEIGHT[status] > STATUS_WEIGHT[best.status]) best = { status, reference: found.reference ?? null, on: date };
  }
  return best;
}
