import { z } from 'zod';
import { driverChecklistsRequired } from '../../domain/accreditation/decide.js';
import { ACCREDITATION_AREAS, isAccreditationArea, type AccreditationArea } from '../../domain/accreditation/areas.js';
import type { CalendarDate } from '../../domain/clock/calendar-date.js';
import { policyInForce } from '../../domain/policy/policy-in-force.js';
import type { PolicyVersion } from '../../domain/policy/policy-parameters.js';
import { VEHICLE_COUNTRIES } from '../../domain/reference/ports.js';
import { localeTag, type Language } from '../../platform/i18n/languages.js';

/*
 * The online application form (issue #16 item 1): its sections, the answers a draft keeps, and the
 * zod schemas each page's answers are checked with. Problems are field + message id (under
 * `accreditation.apply.error.*`); the pages word them from the catalogues. Nothing here is English.
 */

/** The five evidence areas (shared design; DOMAIN.md §7, seed 003 §8.23), in the form's order. */
export const EVIDENCE_AREAS = ACCREDITATION_AREAS;
export type EvidenceArea = AccreditationArea;
export const isEvidenceArea = isAccreditationArea;

/** A file kept by the evidence store (platform/files), as the draft remembers it. */
export interface DraftFile {
  hash: string;
  originalName: string;
  mediaType: string;
  size: number;
}

export interface CompanyAnswers {
  name: string;
  country: string;
  addressLine1: string;
  addressLine2: string;
  town: string;
  postcode: string;
  operatorLicence: string;
  contactName: string;
  email: string;
  phone: string;
  numberOfDrivers: number;
}

/** What a draft holds: each section once answered. */
export interface DraftAnswers {
  company?: CompanyAnswers;
  areas?: Partial<Record<EvidenceArea, { description: string; files: DraftFile[] }>>;
  checklists?: { files: DraftFile[] };
}

export interface FormProblem {
  field: string;
  /** The last part of a key under `accreditation.apply.error.` */
  code: string;
  params?: Record<string, string | number>;
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
/** Text a person may type: no NUL or other control characters but tab and new lines, no lone surrogates. */
export const isCleanText = (value: string) => !/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/.test(value) && !LONE_SURROGATE.test(value);

export const MAX_DRIVERS = 100_000;
export const DESCRIPTION_MAX = 5_000;

/** The countries offered, as ISO codes. */
export const APPLICANT_COUNTRIES = Object.keys(VEHICLE_COUNTRIES);

/** The country options of the company page, each named in the applicant's language, sorted by that name. */
export function countryChoices(language: Language, selected: string) {
  const names = new Intl.DisplayNames([localeTag(language)], { type: 'region', fallback: 'code' });
  const collator = new Intl.Collator(localeTag(language));
  return APPLICANT_COUNTRIES.map((code) => ({ value: code, text: names.of(code) ?? code, selected: code === selected })).sort((a, b) => collator.compare(a.text, b.text));
}

export function countryNameIn(language: Language, code: string): string {
  try {
    return new Intl.DisplayNames([localeTag(language)], { type: 'region', fallback: 'code' }).of(code) ?? code;
  } catch {
    return code;
  }
}

const text = (max: number, required = true) =>
  z
    .string({ error: 'text' })
    .max(max, { error: 'tooLong' })
    .refine(isCleanText, { error: 'text' })
    .transform((value) => value.trim())
    .refine((value) => !required || value.length > 0, { error: 'required' });

export const companySchema = z.strictObject({
  name: text(200),
  country: z.string({ error: 'country' }).refine((code) => APPLICANT_COUNTRIES.includes(code), { error: 'country' }),
  addressLine1: text(200),
  addressLine2: text(200, false),
  town: text(100),
  postcode: text(20, false),
  operatorLicence: text(40).refine((value) => value === '' || /^[\p{L}\p{N}][\p{L}\p{N} ./-]*$/u.test(value), { error: 'operatorLicence' }),
  contactName: text(200),
  email: text(254).refine((value) => value === '' || /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value), { error: 'email' }),
  phone: text(40).refine((value) => value === '' || /^\+?[0-9 ()-]{6,40}$/.test(value), { error: 'phone' }),
  numberOfDrivers: z
    .string({ error: 'numberOfDrivers' })
    .max(12, { error: 'numberOfDrivers' })
    .transform((value) => value.trim())
    .refine((value) => /^[0-9]{1,6}$/.test(value), { error: 'numberOfDrivers' })
    .transform(Number)
    .refine((value) => value >= 1 && value <= MAX_DRIVERS, { error: 'numberOfDrivers' }),
});

export const evidenceSchema = z.strictObject({ description: text(DESCRIPTION_MAX) });

export const saveSchema = z.strictObject({ email: companySchema.shape.email });
export const returnSchema = z.strictObject({ email: companySchema.shape.email, code: text(64) });

/** One value from a form field (a repeated field is refused as not text). */
function single(value: unknown): unknown {
  return Array.isArray(value) ? null : value === undefined ? '' : value;
}

/**
 * Checks a page's answers with its schema: the cleaned answers, or the problems per field (the first
 * for each field, in the form's order). `raw` are the answers as typed, to show them again.
 */
export function readAnswers<S extends z.ZodObject>(schema: S, body: Record<string, unknown>): { ok: true; value: z.output<S>; raw: Record<string, string> } | { ok: false; problems: FormProblem[]; raw: Record<string, string> } {
  const names = Object.keys(schema.shape);
  const input = Object.fromEntries(names.map((name) => [name, single(body[name])]));
  const raw = Object.fromEntries(names.map((name) => [name, typeof input[name] === 'string' ? (input[name] as string).slice(0, 6000) : '']));
  for (const [name, value] of Object.entries(raw)) if (!isCleanText(value)) raw[name] = '';
  const parsed = schema.safeParse(input);
  if (parsed.success) return { ok: true, value: parsed.data, raw };
  const problems: FormProblem[] = [];
  for (const issue of parsed.error.issues) {
    const field = String(issue.path[0] ?? 'form');
    if (problems.some((p) => p.field === field)) continue;
    const code = /^[a-zA-Z]+$/.test(issue.message) ? issue.message : 'text';
    problems.push({ field, code });
  }
  problems.sort((a, b) => names.indexOf(a.field) - names.indexOf(b.field));
  return { ok: false, problems, raw };
}

/**
 * Completed driver checklists asked for: the policy table `accreditation.driverChecklistsRequired`
 * in force today, read by the domain's `driverChecklistsRequired` (the band of the number of drivers).
 */
export function checklistsRequired(versions: readonly PolicyVersion[], today: CalendarDate, drivers: number): number | null {
  const chosen = policyInForce(versions, today);
  return chosen.ok ? driverChecklistsRequired(chosen.policyVersion.parameters.accreditation.driverChecklistsRequired, drivers) : null;
}

/** Days a CPAS application is decided within (`accreditation.applicationDecisionDays`), in force today. */
export function decisionDays(versions: readonly PolicyVersion[], today: CalendarDate): number | null {
  const chosen = policyInForce(versions, today);
  return chosen.ok ? chosen.policyVersion.parameters.accreditation.applicationDecisionDays : null;
}

export type SectionStatus = 'completed' | 'notStarted' | 'cannotStart';

/** The task list: each section's state. The checklists need the number of drivers first. */
export function taskStatuses(answers: DraftAnswers, required: number | null) {
  const areas = Object.fromEntries(EVIDENCE_AREAS.map((area) => [area, answers.areas?.[area] ? 'completed' : 'notStarted'])) as Record<EvidenceArea, SectionStatus>;
  const checklists: SectionStatus = !answers.company ? 'cannotStart' : answers.checklists && required !== null && answers.checklists.files.length >= required ? 'completed' : 'notStarted';
  const company: SectionStatus = answers.company ? 'completed' : 'notStarted';
  const ready = company === 'completed' && checklists === 'completed' && EVIDENCE_AREAS.every((area) => areas[area] === 'completed');
  return { company, areas, checklists, ready };
}
