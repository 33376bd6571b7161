/** Case references look like CEC-2026-000123: the year the case was opened and a gapless number. */
export function formatCaseReference(year: number, number: number): string {
  return `CEC-${year}-${String(number).padStart(6, '0')}`;
}

export const CASE_REFERENCE_PATTERN = /^CEC-\d{4}-\d{6}$/;

export function parseCaseReference(value: string): { year: number; number: number } | null {
  const trimmed = value.trim().toUpperCase();
  if (!CASE_REFERENCE_PATTERN.test(trimmed)) return null;
  return { year: Number(trimmed.slice(4, 8)), number: Number(trimmed.slice(9)) };
}

/**
 * A case imported from the legacy record (src/domain/legacy-import) keeps its CECPT Ref, written with
 * hyphens for the web address: CEC/2023/0000001 becomes CEC-2023-0000001. Its seven digits keep it
 * apart from every reference Cordon allocates (six).
 */
export const LEGACY_CASE_REFERENCE_PATTERN = /^CEC-\d{4}-\d{7}$/;

export function legacyCaseReference(cecptRef: string): string {
  return cecptRef.trim().toUpperCase().replace(/[^A-Z0-9]+/g, '-');
}

/** A reference a case can have: allocated by Cordon, or brought across from the legacy record. */
export function isCaseReference(value: string): boolean {
  const upper = value.toUpperCase();
  return CASE_REFERENCE_PATTERN.test(upper) || LEGACY_CASE_REFERENCE_PATTERN.test(upper);
}
