/** Security requirement codes of DOMAIN.md §4, as the incident form and the submit rules use them. */
export function requirementCodes(): readonly string[] {
  return requirementsForForm().map((r) => r.code);
}

export function requirementsForForm(): { code: string; name: string; appliesTo: string }[] {
  return [];
}
