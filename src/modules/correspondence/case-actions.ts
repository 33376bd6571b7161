import { and, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../platform/database/client.js';
import { ukDate } from '../../domain/reference/uk-date.js';
import { CASE_EVENT } from '../../domain/case/events.js';
import { CASEWORKERS } from '../identity/roles.js';
import type { CaseFile } from '../casework/case-file.js';
import { bodyFromInput, run, type CaseAction, type Prepared } from '../casework/case-actions.js';
import {
  ADDRESS_APPROVERS,
  LETTER_POSTERS,
  approveAddressChange,
  markLettersPosted,
  proposeAddressChange,
  recordDataBreach,
  rejectAddressChange,
} from './correspondence-commands.js';
import { caseLetters } from './schema.js';

/*
 * The correspondence module's case-level steps on the JSON API (`POST /api/v1/cases/{reference}/actions/{action}`,
 * see src/modules/casework/case-actions.ts): address changes, letters posted, data breaches.
 * Uploading response documents stays on the web page (a file upload).
 */

/** The latest address change proposed for the person, by its event version. */
function latestProposal(file: CaseFile, liability: unknown): number | undefined {
  const proposals = file.events.filter((event) => event.type === CASE_EVENT.AddressChangeProposed && (event.payload as { liabilityId?: string }).liabilityId === liability);
  return proposals[proposals.length - 1]?.version;
}

/** An address decision is about the proposal named, or else the latest for the person (a decided one is refused by the command). */
function decideAddress(command: typeof approveAddressChange | typeof rejectAddressChange, body: Record<string, unknown>, file: CaseFile): Prepared {
  const proposal = body.proposal ?? latestProposal(file, body.liabilityId);
  if (proposal === undefined) return { ok: false, errors: [{ field: 'liabilityId', message: 'No address change has been proposed for this person.' }] };
  return run(command, { ...body, proposal, reference: file.kase.reference });
}

/** The correspondence module's case-level steps on the API. */
export function correspondenceCaseActions(deps: { db: Db }): CaseAction[] {
  const { db } = deps;
  return [
    {
      action: 'proposeAddressChange',
      title: 'Change the postal address',
      description: 'Letters go to the new address once a different officer approves the change.',
      roles: CASEWORKERS,
      body: bodyFromInput(proposeAddressChange.input),
      prepare: async (body, { reference }) => run(proposeAddressChange, { ...body, reference }),
    },
    {
      action: 'approveAddressChange',
      title: 'Approve the address change',
      description: 'By an officer who did not propose it. `proposal` (the proposal’s event version) may be left out: the change waiting for approval is meant.',
      roles: ADDRESS_APPROVERS,
      body: bodyFromInput(approveAddressChange.input, { optional: ['proposal'] }),
      prepare: async (body, { file }) => decideAddress(approveAddressChange, body, await file()),
    },
    {
      action: 'rejectAddressChange',
      title: 'Reject the address change',
      description: 'By a second officer, or withdrawn by the officer who proposed it. `proposal` may be left out: the change waiting for approval is meant.',
      roles: CASEWORKERS,
      body: bodyFromInput(rejectAddressChange.input, { optional: ['proposal'] }),
      prepare: async (body, { file }) => decideAddress(rejectAddressChange, body, await file()),
    },
    {
      action: 'markLettersPosted',
      title: 'Mark selected letters as posted',
      description: 'Letters of this case printed and posted from the postal outbox.',
      roles: LETTER_POSTERS,
      body: z.strictObject({
        letterIds: z
          .array(z.uuid({ error: 'Give the id of a letter on this case' }), { error: 'Select at least one letter to mark as posted' })
          .min(1, 'Select at least one letter to mark as posted')
          .max(100, 'Mark at most 100 letters at a time'),
      }),
      async prepare(body, { reference, file }) {
        const ids = [...new Set(body.letterIds as string[])];
        const rows = await db.select().from(caseLetters).where(and(eq(caseLetters.caseId, (await file()).kase.id), inArray(caseLetters.id, ids)));
        if (rows.length !== ids.length) return { ok: false, errors: [{ field: 'letterIds', message: 'One of the letters is not part of this case' }] };
        const letters = ids.map((id) => rows.find((row) => row.id === id)!).map((row) => ({ id: row.id, liabilityId: row.liabilityId, form: row.form, title: row.title }));
        return run(markLettersPosted, { reference, letters });
      },
    },
    {
      action: 'recordDataBreach',
      title: 'Record a data breach',
      description: 'A letter that went to the wrong address: what was disclosed, the risk, whether the ICO must be told (always for a high risk, within 72 hours).',
      roles: CASEWORKERS,
      body: bodyFromInput(recordDataBreach({ id: '', liabilityId: null, form: '', title: '', addressLines: [], createdOn: '' }).input),
      async prepare(body, { reference, file }) {
        const [letter] = await db.select().from(caseLetters).where(and(eq(caseLetters.caseId, (await file()).kase.id), eq(caseLetters.id, String(body.letterId))));
        if (!letter) return { ok: false, errors: [{ field: 'letterId', message: 'That letter is not part of this case' }] };
        const command = recordDataBreach({
          id: letter.id,
          liabilityId: letter.liabilityId,
          form: letter.form,
          title: letter.title,
          addressLines: letter.addressLines ?? [],
          createdOn: ukDate(letter.createdAt),
        });
        return run(command, { ...body, reference });
      },
    },
  ];
}
