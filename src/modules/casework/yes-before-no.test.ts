import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ACTION_FORMS } from './action-forms.js';
import { srcRoot } from '../../platform/http/server.js';

/** Every template under src, read once. */
function templates(dir = srcRoot): { file: string; text: string }[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return templates(full);
    return entry.name.endsWith('.njk') ? [{ file: path.relative(srcRoot, full), text: fs.readFileSync(full, 'utf8') }] : [];
  });
}

describe('Yes before No (GOV.UK radios)', () => {
  it('holds on every casework step’s yes/no question', () => {
    const questions = Object.values(ACTION_FORMS).flatMap((form) => form.fields.filter((field) => 'options' in field && field.options?.some((o) => o.value === 'no')));
    expect(questions.length).toBeGreaterThan(0);
    for (const field of questions) {
      const values = (field.options ?? []).map((o) => o.value);
      expect(values.indexOf('yes'), `${field.name}: ${values.join(', ')}`).toBeLessThan(values.indexOf('no'));
    }
  });

  it('holds on every yes/no radio group written in a template', () => {
    const wrong: string[] = [];
    for (const { file, text } of templates()) {
      // A radio group's items: a "no" item with no "yes" item before it in the same call.
      for (const call of text.split(/govukRadios\(/).slice(1)) {
        const items = call.slice(0, call.indexOf('}) }}') === -1 ? undefined : call.indexOf('}) }}'));
        const no = items.search(/value:\s*["']no["']/);
        const yes = items.search(/value:\s*["']yes["']/);
        if (no !== -1 && (yes === -1 || yes > no)) wrong.push(file);
      }
    }
    expect(wrong).toEqual([]);
  });
});
