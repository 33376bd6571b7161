/* People found, as the border records them: enough for an S32 incident to be sent (people-found.ts). */

/** One adult whose minimum checks are all recorded: no match on each database check, biometrics taken. */
export function checkedPerson(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    claimedName: 'Amanuel Tesfay',
    claimedNationality: 'ER',
    claimedAge: 24,
    sex: 'male',
    identityEstablished: 'claimed-only',
    biometricsTaken: true,
    biometricsDate: new Date().toISOString().slice(0, 10),
    databaseChecks: { identity: { outcome: 'no-match' }, security: { outcome: 'no-match' }, immigrationHistory: { outcome: 'no-match' }, policeNationalComputer: { outcome: 'no-match' } },
    ...overrides,
  };
}

/** `n` checked adults, one per clandestine entrant counted. */
export function checkedPeople(n: number): Record<string, unknown>[] {
  return Array.from({ length: n }, (_, i) => checkedPerson({ claimedName: `Person ${i + 1}` }));
}

/**
 * An incident payload's people found when it has S32 entrants and says nothing of them: one checked
 * person per entrant, so tests about something else send as before.
 */
export function withPeopleFound(payload: Record<string, unknown>): Record<string, unknown> {
  const entrants = typeof payload.clandestineEntrants === 'number' ? payload.clandestineEntrants : 0;
  if (!entrants || 'peopleFound' in payload || 'peopleFoundDifferenceReason' in payload) return payload;
  return { ...payload, peopleFound: checkedPeople(entrants) };
}
