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
