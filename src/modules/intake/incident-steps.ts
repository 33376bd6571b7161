import type { FieldError } from '../../platform/events/command.js';
import type { IncidentInput } from '../../domain/incident/incident.js';

/**
 * The incident form as GOV.UK task-list steps (design-system.service.gov.uk/patterns/complete-multiple-tasks).
 * Each step owns some of the incident's fields: saving a step replaces only those, and keeps what the
 * other steps saved. People found (its own page) and evidence (uploads) are recorded by their own
 * commands, so they own no draft fields.
 */
export type StepSlug = 'vehicle' | 'people' | 'responsible-persons' | 'security' | 'evidence' | 'check';

/** The fields of the draft each form step writes (keys of `IncidentInput`). Extend a list when a step gains fields. */
export const STEP_FIELDS = {
  vehicle: [
    'offences',
    'clandestineEntrants',
    'concealment',
    'riskToLife',
    'incidentDate',
    'incidentTime',
    'port',
    'location',
    'howFound',
    'vehicleKind',
    'unaccompaniedTrailer',
    'tractorRegistration',
    'tractorCountry',
    'trailerRegistration',
    'trailerCountry',
    'journey',
    'estimatedArrivalDate',
    'within72Hours',
    'detectingMethod',
    'detectingMethodUnknownReason',
    'selectionReason',
  ] as string[],
  'responsible-persons': ['responsiblePersons'] as string[],
  security: ['requirements', 'checklistProduced', 'sealNumbers', 'selfDeclaration'] as string[],
};
export type FormStep = keyof typeof STEP_FIELDS;
export const FORM_STEPS = Object.keys(STEP_FIELDS) as FormStep[];

export const STEP_TITLES: Record<StepSlug, string> = {
  vehicle: 'Vehicle and place',
  people: 'People found',
  'responsible-persons': 'Responsible persons',
  security: 'Security findings',
  evidence: 'Evidence',
  check: 'Check your answers and send',
};

/** The step after this one, for "Save and continue". */
export function nextStep(step: StepSlug, options: { seesPeopleFound: boolean }): StepSlug {
  const order: StepSlug[] = ['vehicle', ...(options.seesPeopleFound ? (['people'] as const) : []), 'responsible-persons', 'security', 'evidence', 'check'];
  return order[Math.min(order.indexOf(step) + 1, order.length - 1)]!;
}

export const isFormStep = (value: unknown): value is FormStep => typeof value === 'string' && (FORM_STEPS as string[]).includes(value);

/**
 * The draft after saving one step: the step's own fields as read from its page (a field left empty
 * is cleared), every other field as stored. The kind (port or inland) never changes.
 */
export function mergeStep(stored: Record<string, unknown>, fromForm: Record<string, unknown>, step: FormStep): Record<string, unknown> {
  const merged: Record<string, unknown> = { ...stored };
  for (const key of STEP_FIELDS[step]) {
    if (fromForm[key] !== undefined) merged[key] = fromForm[key];
    else delete merged[key];
  }
  merged.kind = stored.kind ?? fromForm.kind;
  return merged;
}

/** Which step fixes a problem with this field ("responsiblePersons.1.role" → responsible persons). */
export function stepForField(field: string): StepSlug {
  const top = field.replace(/^incident\./, '').split('.')[0]!;
  if (top === 'peopleFound' || top.startsWith('people')) return 'people';
  if (top === 'file' || top === 'evidence') return 'evidence';
  for (const step of FORM_STEPS) if (STEP_FIELDS[step].includes(top)) return step;
  return 'vehicle';
}

export type TaskStatus = 'Not started' | 'In progress' | 'Completed' | 'Cannot start yet' | 'Optional';

const filled = (value: unknown) => value !== undefined && value !== null && value !== '' && !(Array.isArray(value) && value.length === 0);

export interface TaskProgress {
  slug: StepSlug;
  title: string;
  status: TaskStatus;
  hint?: string;
}

/**
 * Each task's status from the draft, the problems that stop it being sent (`submissionProblems` and
 * the registration checks), the people recorded and the files uploaded.
 */
export function taskProgress(
  data: Partial<IncidentInput>,
  problems: readonly FieldError[],
  counts: { peopleRecorded: number; evidence: number },
  options: { seesPeopleFound: boolean },
): TaskProgress[] {
  const problemSteps = new Set(problems.map((p) => stepForField(p.field)));
  const formStatus = (step: FormStep): TaskStatus => {
    const touched = STEP_FIELDS[step].some((key) => filled((data as Record<string, unknown>)[key]));
    if (!touched) return problemSteps.has(step) ? 'Not started' : step === 'security' ? 'Optional' : 'Not started';
    return problemSteps.has(step) ? 'In progress' : 'Completed';
  };
  const entrants = typeof data.clandestineEntrants === 'number' ? data.clandestineEntrants : 0;
  const s32 = (data.offences ?? []).includes('S32');
  let peopleStatus: TaskStatus;
  if (entrants === 0 && counts.peopleRecorded === 0) peopleStatus = s32 ? 'Cannot start yet' : 'Optional';
  else if (counts.peopleRecorded === 0) peopleStatus = 'Not started';
  else peopleStatus = counts.peopleRecorded >= entrants && !problemSteps.has('people') ? 'Completed' : 'In progress';
  const tasks: TaskProgress[] = [
    { slug: 'vehicle', title: STEP_TITLES.vehicle, status: formStatus('vehicle') },
    ...(options.seesPeopleFound
      ? [
          {
            slug: 'people' as const,
            title: STEP_TITLES.people,
            status: peopleStatus,
            hint: entrants > 0 ? `${counts.peopleRecorded} of ${entrants} ${entrants === 1 ? 'person' : 'people'} recorded` : peopleStatus === 'Cannot start yet' ? 'Enter the number of clandestine entrants first' : `${counts.peopleRecorded} recorded`,
          },
        ]
      : []),
    { slug: 'responsible-persons', title: STEP_TITLES['responsible-persons'], status: formStatus('responsible-persons') },
    { slug: 'security', title: STEP_TITLES.security, status: formStatus('security'), ...((data.offences ?? []).includes('S31A') ? { hint: 'Needed for S31A' } : {}) },
    { slug: 'evidence', title: STEP_TITLES.evidence, status: counts.evidence > 0 ? 'Completed' : 'Optional', hint: `${counts.evidence} ${counts.evidence === 1 ? 'file' : 'files'} uploaded` },
  ];
  tasks.push({
    slug: 'check',
    title: STEP_TITLES.check,
    status: problems.length ? 'Cannot start yet' : 'Not started',
    hint: problems.length ? `${problems.length} ${problems.length === 1 ? 'thing' : 'things'} to complete before sending` : 'Ready to send',
  });
  return tasks;
}

/** How many tasks are complete, for the officer's home page ("3 of 5 tasks complete"); check-your-answers is not counted. */
export function completedCount(tasks: readonly TaskProgress[]): { completed: number; total: number } {
  const counted = tasks.filter((t) => t.slug !== 'check' && t.status !== 'Optional');
  return { completed: counted.filter((t) => t.status === 'Completed').length, total: counted.length };
}
