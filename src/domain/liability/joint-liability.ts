/*
 * Joint and several liability (seed 003 §8.4, DOMAIN.md "joint and several"): the driver's employer
 * — or the owner or hirer the driver drives for under contract — is liable for the driver's penalty
 * too, whether or not it has a penalty of its own. Money from either reduces the same debt (an
 * employer's payment is recorded on the driver's penalty, `paidBy: 'employer'`).
 *
 * Who the employer is, decided from recorded facts only:
 *  1. the register's employment link (`EmploymentLinked`) from the driver's register entry to an
 *     organisation responsible on the same case — the register knows, and the case agrees;
 *  2. otherwise the register's employment link to an organisation that is not on the case (jointly
 *     liable still: "irrespective of whether a penalty is also imposed on the employer");
 *  3. otherwise the case's organisation responsible person whose role makes it the one the driver
 *     drives for: the hirer when the vehicle was hired (the driver drives under contract to the
 *     hirer), else the owner, else the operator — leaving out one whose penalty is not pursued
 *     (cancelled, not referred): "not the owner" on objection must not make it the employer.
 * Pure: the module reads the register's links and hands them in.
 */

/** One responsible person's liability on the case, as the rule needs it. */
export interface JointLiabilityInput {
  id: string;
  role: string;
  offence: string;
  partyName: string;
  /** The register entry confirmed for the person, if any. */
  partyId: string | null;
  /** Which responsible person of the recorded incident (both offences of one person share it). */
  personIndex?: number | null;
  /**
   * Its penalty is not pursued (cancelled on objection or appeal, or not referred): an organisation
   * found not to be the owner is not taken for the employer from its role alone.
   */
  notPursued?: boolean;
}

/** A register employment link of a driver's register entry, valid on the incident date. */
export interface RegisterEmployment {
  personId: string;
  organisationId: string;
  /** The organisation's name in the register. */
  organisationName: string;
}

/** Whose role makes an organisation on the case the one the driver drives for, first wins. */
export const EMPLOYER_ROLE_ORDER = ['hirer', 'owner', 'operator'] as const;

export interface JointEmployer {
  name: string;
  partyId: string | null;
  /** The role it is responsible in on this case; null when only the register names it. */
  role: string | null;
  /** Its own liabilities on this case (none when only the register names it). */
  liabilityIds: string[];
  /** How it was decided: the register's employment link, or the case's roles. */
  source: 'register' | 'case';
}

/** The driver's penalty and who is jointly and severally liable for it. */
export interface JointLiability {
  driverLiabilityId: string;
  driverName: string;
  offence: string;
  employer: JointEmployer;
}

function personKey(row: JointLiabilityInput): string {
  if (row.personIndex !== null && row.personIndex !== undefined) return `person:${row.personIndex}`;
  if (row.partyId) return `party:${row.partyId}`;
  return `name:${row.role}:${row.partyName}`;
}

function roleRank(role: string): number {
  const rank = (EMPLOYER_ROLE_ORDER as readonly string[]).indexOf(role);
  return rank < 0 ? EMPLOYER_ROLE_ORDER.length : rank;
}

function employerFromCase(organisations: readonly JointLiabilityInput[], chosen: JointLiabilityInput, source: JointEmployer['source']): JointEmployer {
  const key = personKey(chosen);
  return {
    name: chosen.partyName,
    partyId: chosen.partyId,
    role: chosen.role,
    liabilityIds: organisations.filter((row) => personKey(row) === key).map((row) => row.id),
    source,
  };
}

/**
 * For every driver's liability on the case, the organisation jointly and severally liable for it,
 * or nothing when the case names no organisation and the register knows no employer.
 */
export function jointLiabilities(liabilities: readonly JointLiabilityInput[], registerEmployment: readonly RegisterEmployment[] = []): JointLiability[] {
  const organisations = liabilities
    .filter((row) => row.role !== 'driver')
    .slice()
    .sort((a, b) => roleRank(a.role) - roleRank(b.role) || a.partyName.localeCompare(b.partyName) || a.offence.localeCompare(b.offence));
  const out: JointLiability[] = [];
  for (const driver of liabilities.filter((row) => row.role === 'driver')) {
    const links = driver.partyId ? registerEmployment.filter((link) => link.personId === driver.partyId) : [];
    const onCase = organisations.find((row) => row.partyId !== null && links.some((link) => link.organisationId === row.partyId));
    let employer: JointEmployer | null = null;
    if (onCase) employer = employerFromCase(organisations, onCase, 'register');
    else if (links.length > 0) {
      const link = links.slice().sort((a, b) => a.organisationName.localeCompare(b.organisationName))[0]!;
      employer = { name: link.organisationName, partyId: link.organisationId, role: null, liabilityIds: [], source: 'register' };
    } else {
      const pursued = organisations.find((row) => !row.notPursued);
      if (pursued) employer = employerFromCase(organisations, pursued, 'case');
    }
    if (employer) out.push({ driverLiabilityId: driver.id, driverName: driver.partyName, offence: driver.offence, employer });
  }
  return out;
}

/** The driver's penalties this liability's organisation is also liable for (empty for a driver, or an organisation not the employer). */
export function driverPenaltiesOwedWith(joint: readonly JointLiability[], liabilityId: string): JointLiability[] {
  return joint.filter((item) => item.employer.liabilityIds.includes(liabilityId));
}

/** Who is jointly liable for this driver's penalty, if anyone. */
export function jointlyLiableFor(joint: readonly JointLiability[], driverLiabilityId: string): JointEmployer | null {
  return joint.find((item) => item.driverLiabilityId === driverLiabilityId)?.employer ?? null;
}
