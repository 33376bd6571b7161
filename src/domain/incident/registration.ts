/**
 * Whether a vehicle registration could be real. Foreign plates vary too much for strict patterns, so
 * this refuses only the impossible: no letters or digits, other characters, or too long.
 */
export function registrationKey(raw: string): string {
  return raw.normalize('NFKC').toUpperCase().replace(/[\s\-._·/]+/g, '');
}

export function registrationProblem(raw: string, _country?: string): string | null {
  const key = registrationKey(raw);
  if (!key) return 'Enter the vehicle registration';
  if (!/^[\p{L}\p{N}]+$/u.test(key)) return 'Vehicle registration can only contain letters, numbers, spaces and dashes';
  if (key.length < 2) return 'Vehicle registration must be 2 characters or more';
  if (key.length > 12) return 'Vehicle registration must be 12 characters or fewer, not counting spaces';
  if (!/\p{N}/u.test(key) && key.length < 4) return 'Enter a real vehicle registration';
  return null;
}
