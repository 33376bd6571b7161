import type { FieldError } from '../../platform/events/command.js';
import { DATABASE_CHECKS } from '../../domain/incident/people-found.js';
import { readDateInput } from './incident-form.js';

/*
 * The person-found form read into the shape the API takes (`personFoundInput`), and back: field
 * names on the page are flat (`check_identity`, `handoverLocalAuthority`, date inputs in three boxes).
 */

type Body = Record<string, unknown>;

/** A single-answer field: a repeated field (`a=1&a=2`) is refused by name rather than guessed. */
function one(body: Body, name: string, problems: FieldError[]): string | undefined {
  const value = body[name];
  if (Array.isArray(value)) {
    problems.push({ field: name, message: 'Give one answer to this question' });
    return undefined;
  }
  const s = typeof value === 'string' ? value.trim() : '';
  return s === '' ? undefined : s;
}

const many = (body: Body, name: string): string[] => {
  const value = body[name];
  if (value === undefined || value === null || value === '') return [];
  return (Array.isArray(value) ? value : [value]).map(String);
};

const yesNo = (value: string | undefined): boolean | undefined => (value === 'yes' ? true : value === 'no' ? false : undefined);

function date(body: Body, prefix: string, problems: FieldError[]): string | undefined {
  for (const part of ['day', 'month', 'year']) one(body, `${prefix}-${part}`, problems);
  if (problems.some((p) => p.field.startsWith(`${prefix}-`))) return undefined;
  return readDateInput(body, prefix);
}

/** The handover fields, if any was filled in (then each is checked). */
export function handoverFromForm(body: Body, problems: FieldError[]) {
  const localAuthority = one(body, 'handoverLocalAuthority', problems);
  const handoverDate = date(body, 'handoverDate', problems);
  const time = one(body, 'handoverTime', problems);
  const socialWorker = one(body, 'handoverSocialWorker', problems);
  if (!localAuthority && !handoverDate && !time && !socialWorker) return undefined;
  return { localAuthority: localAuthority ?? '', date: handoverDate ?? '', time: time ?? '', socialWorker: socialWorker ?? '' };
}

/** The NRM decision fields, if any was filled in. */
export function nrmOutcomeFromForm(body: Body, problems: FieldError[]) {
  const stage = one(body, 'nrmStage', problems);
  const decision = one(body, 'nrmDecision', problems);
  const decided = date(body, 'nrmDate', problems);
  if (!stage && !decision && !decided) return undefined;
  return { stage: stage ?? '', decision: decision ?? '', date: decided ?? '' };
}

/** Reads the form into a person found; `problems` holds what cannot be read at all (a repeated answer, an age that is not a number). */
export function personFromForm(body: Body): { person: Record<string, unknown>; problems: FieldError[] } {
  const problems: FieldError[] = [];
  const ageText = one(body, 'claimedAge', problems);
  let claimedAge: number | undefined;
  if (ageText !== undefined) {
    if (/^\d{1,3}$/.test(ageText)) claimedAge = Number(ageText);
    else problems.push({ field: 'claimedAge', message: 'Enter the claimed age as a whole number of years, like 16' });
  }
  const databaseChecks: Record<string, { outcome: string; reason?: string }> = {};
  for (const code of Object.keys(DATABASE_CHECKS)) {
    const outcome = one(body, `check_${code}`, problems);
    const reason = one(body, `check_${code}_reason`, problems);
    if (outcome) databaseChecks[code] = { outcome, ...(reason && outcome === 'not-done' ? { reason } : {}) };
  }
  const biometricsTaken = yesNo(one(body, 'biometricsTaken', problems));
  const medicalNeeds = one(body, 'medicalNeeds', problems);
  const indicators = many(body, 'traffickingIndicators');
  const nrmReferred = yesNo(one(body, 'nrmReferred', problems));
  const person: Record<string, unknown> = {
    apparentChild: one(body, 'apparentChild', problems) === 'yes',
    potentialVictimOfTrafficking: one(body, 'potentialVictimOfTrafficking', problems) === 'yes',
    medicalNeed: Boolean(medicalNeeds),
    nrmReferralReference: one(body, 'nrmReferralReference', problems),
    notes: one(body, 'notes', problems),
    claimedName: one(body, 'claimedName', problems),
    claimedNationality: one(body, 'claimedNationality', problems),
    claimedDateOfBirth: date(body, 'claimedDateOfBirth', problems),
    claimedAge,
    sex: one(body, 'sex', problems),
    identityEstablished: one(body, 'identityEstablished', problems),
    biometricsTaken,
    biometricsDate: date(body, 'biometricsDate', problems),
    biometricsTime: one(body, 'biometricsTime', problems),
    databaseChecks: Object.keys(databaseChecks).length ? databaseChecks : undefined,
    medicalNeeds,
    ageAssessment: one(body, 'ageAssessment', problems),
    handover: handoverFromForm(body, problems),
    traffickingIndicators: indicators.length ? indicators : undefined,
    nrmReferred,
    nrmNotReferredReason: nrmReferred === false ? one(body, 'nrmNotReferredReason', problems) : undefined,
  };
  for (const key of Object.keys(person)) if (person[key] === undefined) delete person[key];
  return { person, problems };
}

const DATE_FIELDS = ['claimedDateOfBirth', 'biometricsDate', 'handoverDate', 'nrmDate'];

/** The id on the page of the field a problem is about (`person.handover.date` → `handoverDate-day`). */
export function formFieldOf(field: string): string {
  let f = field.replace(/^person\./, '').replace(/^peopleFound\.\d+\./, '');
  const check = /^databaseChecks\.(\w+)(?:\.(outcome|reason))?/.exec(f);
  if (check) f = check[2] === 'reason' ? `check_${check[1]}_reason` : `check_${check[1]}`;
  else if (f.startsWith('handover')) f = { handover: 'handoverLocalAuthority', 'handover.localAuthority': 'handoverLocalAuthority', 'handover.date': 'handoverDate', 'handover.time': 'handoverTime', 'handover.socialWorker': 'handoverSocialWorker' }[f] ?? f;
  else if (f.startsWith('nrmOutcome')) f = { 'nrmOutcome.stage': 'nrmStage', 'nrmOutcome.decision': 'nrmDecision', 'nrmOutcome.date': 'nrmDate' }[f] ?? 'nrmStage';
  else if (f.startsWith('traffickingIndicators')) f = 'traffickingIndicators';
  if (DATE_FIELDS.includes(f)) return `${f}-day`;
  return f;
}

/** Field errors and the error summary, each linked to its field on the page. */
export function personFormErrors(errors: FieldError[]) {
  const fieldErrors: Record<string, { text: string }> = {};
  const errorList: { text: string; href: string }[] = [];
  for (const error of errors) {
    const id = formFieldOf(error.field);
    if (fieldErrors[id]) continue;
    fieldErrors[id] = { text: error.message };
    errorList.push({ text: error.message, href: `#${id}` });
  }
  return { fieldErrors, errorList };
}

const dateValues = (prefix: string, iso: unknown): Record<string, string> => {
  if (typeof iso !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(iso)) return {};
  const [y, m, d] = iso.split('-');
  return { [`${prefix}-day`]: String(Number(d)), [`${prefix}-month`]: String(Number(m)), [`${prefix}-year`]: y! };
};

/** A recorded person as the form's values, to change it. */
export function formValuesOfPerson(row: { apparentChild: boolean; potentialVictimOfTrafficking: boolean; nrmReferralReference: string | null; notes: string | null; details: unknown }): Record<string, unknown> {
  const d = (row.details ?? {}) as Record<string, unknown>;
  const checks = (d.databaseChecks ?? {}) as Record<string, { outcome: string; reason?: string }>;
  const handover = d.handover as { localAuthority: string; date: string; time: string; socialWorker: string } | undefined;
  const values: Record<string, unknown> = {
    apparentChild: row.apparentChild ? 'yes' : undefined,
    potentialVictimOfTrafficking: row.potentialVictimOfTrafficking ? 'yes' : undefined,
    nrmReferralReference: row.nrmReferralReference ?? undefined,
    notes: row.notes ?? undefined,
    claimedName: d.claimedName,
    claimedNationality: d.claimedNationality,
    ...dateValues('claimedDateOfBirth', d.claimedDateOfBirth),
    claimedAge: d.claimedAge === undefined ? undefined : String(d.claimedAge),
    sex: d.sex,
    identityEstablished: d.identityEstablished,
    biometricsTaken: d.biometricsTaken === true ? 'yes' : d.biometricsTaken === false ? 'no' : undefined,
    ...dateValues('biometricsDate', d.biometricsDate),
    biometricsTime: d.biometricsTime,
    medicalNeeds: d.medicalNeeds,
    ageAssessment: d.ageAssessment,
    traffickingIndicators: d.traffickingIndicators ?? [],
    nrmReferred: d.nrmReferred === true ? 'yes' : d.nrmReferred === false ? 'no' : undefined,
    nrmNotReferredReason: d.nrmNotReferredReason,
    ...(handover ? { handoverLocalAuthority: handover.localAuthority, handoverTime: handover.time, handoverSocialWorker: handover.socialWorker, ...dateValues('handoverDate', handover.date) } : {}),
  };
  for (const [code, check] of Object.entries(checks)) {
    values[`check_${code}`] = check.outcome;
    if (check.reason) values[`check_${code}_reason`] = check.reason;
  }
  return values;
}
