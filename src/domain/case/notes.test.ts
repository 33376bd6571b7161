import { describe, expect, it } from 'vitest';
import { decideAddCaseNote, NOTE_MAX_LENGTH } from './notes.js';

describe('decideAddCaseNote', () => {
  it('records the note, trimmed', () => {
    expect(decideAddCaseNote(null, { text: '  Called the haulier.  ' })).toEqual({ ok: true, events: [{ type: 'CaseNoteAdded', payload: { text: 'Called the haulier.' } }] });
  });

  it('refuses an empty note and one that is too long, beside the field', () => {
    expect(decideAddCaseNote(null, { text: '   ' })).toEqual({ ok: false, message: 'Enter the note', errors: [{ field: 'text', message: 'Enter the note' }] });
    const long = decideAddCaseNote(null, { text: 'x'.repeat(NOTE_MAX_LENGTH + 1) });
    expect(long).toMatchObject({ ok: false, message: 'The note must be 5,000 characters or fewer (it has 5,001)' });
  });
});
