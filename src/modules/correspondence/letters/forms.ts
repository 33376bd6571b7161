import type { Offence } from '../../../domain/penalty/penalty-input.js';

/**
 * The Home Office form code printed on each letter (DOMAIN.md §5). Data, not logic: a new form
 * edition changes this table and nothing else.
 */
export const LETTER_FORMS = {
  initialNotice: { S32: 'IS11D', S31A: 'IS11E' },
  penaltyNotice: { S31A: 'IS1131A', S32: 'IS1132' },
} as const satisfies Record<string, Record<Offence, string>>;

/** The section of the Immigration and Asylum Act 1999 an offence's penalty is given under. */
export const ACT_SECTION: Readonly<Record<Offence, string>> = { S31A: '31A', S32: '32' };
