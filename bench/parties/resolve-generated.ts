import { normaliseName } from '../../src/domain/parties/names.js';
import { toPartyRecord } from '../../src/modules/parties/batch/resolve-file.js';
import {
  PartyResolver,
  type ResolutionOptions,
  type ResolutionStatistics,
  type ResolverOptions,
} from '../../src/modules/parties/batch/resolve.js';
import type { GeneratedParty } from './generate.js';

/** Resolves generated records in memory, as the batch command does after reading its file. */
export async function resolveGenerated(
  records: readonly GeneratedParty[],
  options: ResolutionOptions & ResolverOptions = {},
): Promise<{ clusterOf: Int32Array; statistics: ResolutionStatistics }> {
  const resolver = new PartyResolver({ threads: options.threads });
  for (const record of records) resolver.add(toPartyRecord(record));
  return resolver.resolve(options);
}

/**
 * The baseline: records are one party when their kind and exact normalised name key agree
 * (what a register keyed on the normalised name alone would do). An empty key stands alone.
 */
export function exactNameBaseline(records: readonly GeneratedParty[]): string[] {
  return records.map((r, i) => {
    const key = normaliseName(r.name, { legalForms: r.kind === 'organisation' }).key;
    return key === '' ? `#${i}` : `${r.kind}|${key}`;
  });
}
