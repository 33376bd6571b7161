import { asArray } from '../../platform/http/forms.js';
import type { IncidentInput } from '../../domain/incident/incident.js';
import type { FieldError } from '../../platform/events/command.js';
import { detectionFromForm } from './detection-form.js';

type Body = Record<string, unknown>;

const text = (body: Body, name: string): string | undefined => {
  const value = body[name];
  const s = typeof value === 'string' ? value.trim() : '';
  return s === '' ? undefined : s;
};

/** A GOV.UK date input's three fields as YYYY-MM-DD; a partly filled one is kept so it is refused. */
export function readDateInput(body: Body, prefix: string): string | undefined {
  const [day, month, year] = ['day', 'month', 'year'].map((part) => text(body, `${prefix}-${part}`) ?? '');
  if (!day && !month && !year) return undefined;
  return `${year!.padStart(4, '0')}-${month!.padStart(2, '0')}-${day!.padStart(2, '0')}`;
}

const yesNo = (value: string | undefined) => (value === 'yes' ? true : value === 'no' ? false : undefined);

/** The responsible-person slots on the form: the driver, the owner or operator, and a hirer. */
export const PERSON_SLOTS = [
  { slot: 'p1', heading: 'Driver', fixedRole: 'driver', fixedKind: 'person' },
  { slot: 'p2', heading: 'Owner or operator', fixedRole: null, fixedKind: null },
  { slot: 'p3', heading: 'Hirer (if the vehicle was hired)', fixedRole: 'hirer', fixedKind: null },
] as const;

function readPerson(body: Body, slot: (typeof PERSON_SLOTS)[number]) {
  const s = slot.slot;
  const name = text(body, `${s}_name`);
  if (!name) return null;
  const address1 = text(body, `${s}_address1`);
  const docNumber = text(body, `${s}_docNumber`);
  return {
    role: slot.fixedRole ?? text(body, `${s}_role`) ?? 'owner',
    kind: slot.fixedKind ?? text(body, `${s}_kind`) ?? 'organisation',
    name,
    dateOfBirth: readDateInput(body, `${s}_dob`),
    nationality: text(body, `${s}_nationality`),
    documents: docNumber ? [{ kind: text(body, `${s}_docKind`) ?? 'passport', number: docNumber }] : undefined,
    address: address1
      ? { line1: address1, town: text(body, `${s}_town`), postcode: text(body, `${s}_postcode`), country: text(body, `${s}_country`) ?? '' }
      : undefined,
    email: text(body, `${s}_email`),
    phone: text(body, `${s}_phone`),
    language: text(body, `${s}_language`),
  };
}

/** Reads the incident form into the same shape the API takes. */
export function incidentFromForm(body: Body, requirementCodes: readonly string[]): Record<string, unknown> {
  const entrants = text(body, 'clandestineEntrants');
  const requirements: Record<string, string> = {};
  for (const code of requirementCodes) {
    const finding = text(body, `req_${code}`);
    if (finding) requirements[code] = finding;
  }
  const kind = text(body, 'kind') === 'inland' ? 'inland' : 'port';
  const seals = (text(body, 'sealNumbers') ?? '').split(/[\n,]+/).map((s) => s.trim()).filter(Boolean);
  const declared = text(body, 'selfDeclaredWhen') || text(body, 'selfDeclaredWhere') || text(body, 'selfDeclaredToWhom');
  const incident: Record<string, unknown> = {
    kind,
    searchId: text(body, 'searchId'),
    offences: asArray(body.offences),
    incidentDate: readDateInput(body, 'incidentDate'),
    incidentTime: text(body, 'incidentTime'),
    port: kind === 'port' ? text(body, 'port') : undefined,
    location: kind === 'inland' ? text(body, 'location') : undefined,
    howFound: kind === 'inland' ? text(body, 'howFound') : undefined,
    vehicleKind: text(body, 'vehicleKind'),
    unaccompaniedTrailer: body.unaccompaniedTrailer === 'yes' ? true : undefined,
    tractorRegistration: text(body, 'tractorRegistration'),
    tractorCountry: text(body, 'tractorCountry'),
    trailerRegistration: text(body, 'trailerRegistration'),
    trailerCountry: text(body, 'trailerCountry'),
    clandestineEntrants: entrants === undefined ? undefined : /^\d+$/.test(entrants) ? Number(entrants) : entrants,
    concealment: asArray(body.concealment),
    riskToLife: asArray(body.riskToLife),
    requirements: Object.keys(requirements).length ? requirements : undefined,
    checklistProduced: yesNo(text(body, 'checklistProduced')),
    sealNumbers: seals.length ? seals : undefined,
    selfDeclaration: declared ? { when: text(body, 'selfDeclaredWhen') ?? '', where: text(body, 'selfDeclaredWhere') ?? '', toWhom: text(body, 'selfDeclaredToWhom') ?? '' } : undefined,
    responsiblePersons: PERSON_SLOTS.map((slot) => readPerson(body, slot)).filter(Boolean),
    ...detectionFromForm(body),
  };
  if (kind === 'inland') {
    incident.journey = {
      departurePort: text(body, 'departurePort'),
      arrivalPort: text(body, 'arrivalPort'),
      crossingDate: readDateInput(body, 'crossingDate'),
      crossingTime: text(body, 'crossingTime'),
      searchedOnTheWay: text(body, 'searchedOnTheWay'),
    };
    incident.estimatedArrivalDate = readDateInput(body, 'estimatedArrivalDate');
    incident.within72Hours = yesNo(text(body, 'within72Hours'));
  }
  return JSON.parse(JSON.stringify(incident)) as Record<string, unknown>;
}

/** The form's field values for a saved incident, so the page shows what was saved. */
export function formValuesFrom(incident: Partial<IncidentInput>): Record<string, unknown> {
  const values: Record<string, unknown> = { ...incident };
  const split = (prefix: string, date?: string) => {
    if (!date) return;
    const [y, m, d] = date.split('-');
    values[`${prefix}-year`] = y;
    values[`${prefix}-month`] = String(Number(m));
    values[`${prefix}-day`] = String(Number(d));
  };
  split('incidentDate', incident.incidentDate);
  split('crossingDate', incident.journey?.crossingDate);
  split('estimatedArrivalDate', incident.estimatedArrivalDate);
  Object.assign(values, {
    departurePort: incident.journey?.departurePort,
    arrivalPort: incident.journey?.arrivalPort,
    crossingTime: incident.journey?.crossingTime,
    searchedOnTheWay: incident.journey?.searchedOnTheWay,
    within72Hours: incident.within72Hours === undefined ? undefined : incident.within72Hours ? 'yes' : 'no',
    checklistProduced: incident.checklistProduced === undefined ? undefined : incident.checklistProduced ? 'yes' : 'no',
    sealNumbers: (incident.sealNumbers ?? []).join('\n'),
    selfDeclaredWhen: incident.selfDeclaration?.when,
    selfDeclaredWhere: incident.selfDeclaration?.where,
    selfDeclaredToWhom: incident.selfDeclaration?.toWhom,
    unaccompaniedTrailer: incident.unaccompaniedTrailer ? 'yes' : undefined,
  });
  for (const [code, finding] of Object.entries(incident.requirements ?? {})) values[`req_${code}`] = finding;
  const persons = incident.responsiblePersons ?? [];
  const placed = new Set<number>();
  for (const slot of PERSON_SLOTS) {
    const index = persons.findIndex((p, i) => !placed.has(i) && (slot.fixedRole ? p.role === slot.fixedRole : p.role === 'owner' || p.role === 'operator'));
    if (index < 0) continue;
    placed.add(index);
    const p = persons[index]!;
    const s = slot.slot;
    Object.assign(values, {
      [`${s}_role`]: p.role,
      [`${s}_kind`]: p.kind,
      [`${s}_name`]: p.name,
      [`${s}_nationality`]: p.nationality,
      [`${s}_docKind`]: p.documents?.[0]?.kind,
      [`${s}_docNumber`]: p.documents?.[0]?.number,
      [`${s}_address1`]: p.address?.line1,
      [`${s}_town`]: p.address?.town,
      [`${s}_postcode`]: p.address?.postcode,
      [`${s}_country`]: p.address?.country,
      [`${s}_email`]: p.email,
      [`${s}_phone`]: p.phone,
      [`${s}_language`]: p.language,
    });
    split(`${s}_dob`, p.dateOfBirth);
  }
  return values;
}

/**
 * Maps an error's field path to the id of the form control it belongs to, so the error summary
 * links to the right place ("responsiblePersons.1.role" → the owner slot's role).
 */
export function fieldIdFor(rawField: string, incident: Record<string, unknown>): string {
  // A command's own input wraps the incident ("incident.incidentTime").
  const field = rawField.replace(/^incident\./, '');
  const person = /^responsiblePersons\.(\d+)\.(\w+)/.exec(field);
  if (person) {
    const persons = (incident.responsiblePersons as { role: string }[] | undefined) ?? [];
    const role = persons[Number(person[1])]?.role;
    const slot = role === 'driver' ? 'p1' : role === 'hirer' ? 'p3' : 'p2';
    const part = person[2] === 'dateOfBirth' ? 'dob-day' : person[2];
    return `${slot}_${part}`;
  }
  if (field === 'responsiblePersons') return 'p1_name';
  if (field === 'incidentDate') return 'incidentDate-day';
  if (field === 'estimatedArrivalDate') return 'estimatedArrivalDate-day';
  if (field === 'journey.crossingDate') return 'crossingDate-day';
  if (field === 'requirements') return 'requirements';
  return field.split('.')[0]!;
}

/** A form page's errors: each field's first message beside it, and every message in the summary linked to its field. */
export function errorsForPage(errors: FieldError[], incident: Record<string, unknown>) {
  const fieldErrors: Record<string, { text: string }> = {};
  const errorList: { text: string; href: string }[] = [];
  for (const error of errors) {
    const id = fieldIdFor(error.field, incident);
    if (!fieldErrors[id]) fieldErrors[id] = { text: error.message };
    errorList.push({ text: error.message, href: `#${id}` });
  }
  return { errorList, fieldErrors };
}
