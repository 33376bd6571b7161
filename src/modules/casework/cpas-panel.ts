import type { CpasRegisterStatus, LiabilityActionType } from '../../domain/liability/actions.js';
import type { CaseFile, LiabilityRow } from './case-file.js';
import { cpasRegisterFor, type PenaltyFactsSources } from './penalty-facts.js';

/*
 * What a step's page shows of CPAS membership (issue #16), read-only, above its form: the
 * accreditation register's answer on the incident date for the company's resolved identity; and,
 * where the recommendation overrides the register, the override highlighted with its reason, who
 * drafted it and whether a Senior Officer has confirmed it. The partial
 * `casework/views/cpas-register.njk` shows it, in the catalogue's words (`casework.cpas.*`).
 */

export interface CpasPanel {
  /** The incident date the register is read on. */
  on: string;
  status: CpasRegisterStatus;
  member: boolean;
  reference: string | null;
  /** The draft form offers the override (a details "The register is wrong for this incident"). */
  overrideOffered: boolean;
  /** `on`: what carries it — a recommendation (a Senior Officer confirms it) or an objection's determination (a Senior Officer assures it). */
  override: { on: 'recommendation' | 'determination'; member: boolean; reason: string; draftedBy: string; confirmed: { by: string; on: string } | null } | null;
}

/** The steps that read the register now (the calculator runs) and those that show what the recommendation recorded. */
const READS_REGISTER: readonly LiabilityActionType[] = ['draftRecommendation', 'determineObjection'];
const SHOWS_RECORDED: readonly LiabilityActionType[] = ['confirmCpasOverride', 'approveRecommendation', 'returnRecommendation', 'approveDiscretion', 'imposePenalty'];

export async function cpasPanelFor(
  sources: Pick<PenaltyFactsSources, 'parties' | 'membershipOn'>,
  file: CaseFile,
  type: LiabilityActionType,
  rows: readonly LiabilityRow[],
  officerName: (id: string) => string,
): Promise<CpasPanel | null> {
  const row = rows[0];
  if (!row || row.role === 'driver') return null;
  const state = file.states.get(row.id);
  const recommendation = state?.recommendation;
  const recorded = recommendation?.cpas;
  const overrideOf = () =>
    recorded?.source === 'override' && recommendation
      ? {
          on: 'recommendation' as const,
          member: recorded.member,
          reason: recorded.reason ?? '',
          draftedBy: officerName(recommendation.draftedBy),
          confirmed: recommendation.cpasOverrideConfirmation
            ? { by: officerName(recommendation.cpasOverrideConfirmation.confirmedBy), on: recommendation.cpasOverrideConfirmation.confirmedOn }
            : null,
        }
      : null;
  if (READS_REGISTER.includes(type)) {
    const register = await cpasRegisterFor(sources, file, row);
    if (!register) return null;
    // After imposition a confirmed override stands for the recalculation (penalty-facts.ts).
    const override = type === 'determineObjection' && state?.penaltyNotice && recommendation?.cpasOverrideConfirmation ? overrideOf() : null;
    return { on: register.on, status: register.status, member: register.status === 'member', reference: register.reference, overrideOffered: true, override };
  }
  const draft = state?.objection?.draftDetermination;
  if (type === 'assureObjectionDetermination' && draft?.cpas) {
    const cpas = draft.cpas;
    const override = cpas.source === 'override' ? { on: 'determination' as const, member: cpas.member, reason: cpas.reason ?? '', draftedBy: officerName(draft.draftedBy), confirmed: null } : null;
    return { on: file.kase.incidentDate, status: cpas.status, member: cpas.status === 'member', reference: cpas.reference, overrideOffered: false, override };
  }
  if (SHOWS_RECORDED.includes(type) && recorded) {
    return { on: file.kase.incidentDate, status: recorded.status, member: recorded.status === 'member', reference: recorded.reference, overrideOffered: false, override: overrideOf() };
  }
  return null;
}
