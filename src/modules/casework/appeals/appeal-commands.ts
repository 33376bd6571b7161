import { z } from 'zod';
import { CASEWORKERS } from '../../identity/roles.js';
import { caseCommand } from '../case-command.js';
import { BUNDLE_ITEMS, HEARING_TYPES, type BundleItem, type HearingType } from './appeal-preparation.js';
import { decideCheckBundleItems, decideRecordWitnessStatement, decideScheduleHearing } from '../../../domain/case/appeals.js';
import { calendarDateSchema } from '../../../domain/clock/calendar-date.js';

/* The appeal preparation commands: each only by the allocated officer or a manager. */

// A real day, as the catalogue records it (the pages' date inputs already check this; the API may not).
const isoDate = calendarDateSchema('The date');

export const scheduleHearing = caseCommand({
  name: 'scheduleAppealHearing',
  input: z.object({
    reference: z.string(),
    liabilityId: z.string(),
    hearingId: z.uuid(),
    hearingOn: isoDate,
    court: z.string().trim().min(1).max(200),
    type: z.enum(Object.keys(HEARING_TYPES) as [HearingType, ...HearingType[]]),
  }),
  roles: CASEWORKERS,
  decide: decideScheduleHearing,
});

export const checkBundleItems = caseCommand({
  name: 'checkAppealBundleItems',
  input: z.object({ reference: z.string(), liabilityId: z.string(), checked: z.array(z.enum(Object.keys(BUNDLE_ITEMS) as [BundleItem, ...BundleItem[]])) }),
  roles: CASEWORKERS,
  decide: decideCheckBundleItems,
});

export const recordWitnessStatement = caseCommand({
  name: 'recordAppealWitnessStatement',
  input: z.object({ reference: z.string(), liabilityId: z.string(), text: z.string().trim().min(1).max(20_000), madeBy: z.string().trim().min(1).max(200), madeOn: isoDate }),
  roles: CASEWORKERS,
  decide: decideRecordWitnessStatement,
});
