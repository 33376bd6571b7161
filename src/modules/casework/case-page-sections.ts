import type { Actor } from '../../platform/events/event-store.js';
import type { CaseFile } from './case-file.js';

/**
 * A part of the case page another piece of casework owns (letters, means testing, notes…): it reads
 * what it needs and the page template includes its partial. Each section's data is available to the
 * templates as `sections.<name>`; its partial is `casework/views/sections/<name>.njk` (case level) or
 * `casework/views/sections/liability-<name>.njk` (inside each responsible person's card, with `l`).
 */
export interface CasePageSection {
  name: string;
  load(file: CaseFile, actor: Actor, today: string): Promise<unknown>;
}

export async function loadSections(sections: readonly CasePageSection[], file: CaseFile, actor: Actor, today: string): Promise<Record<string, unknown>> {
  const entries = await Promise.all(sections.map(async (section) => [section.name, await section.load(file, actor, today)] as const));
  return Object.fromEntries(entries);
}
