import { sql, type SQL } from 'drizzle-orm';
import { policyVersionSchema, type PolicyVersion } from '../../domain/policy/policy-parameters.js';
import { policyVersions } from './schema.js';

/*
 * The policy versions as a published query another module may put inside its own statement (a
 * casework step reads its case and the versions in one round trip): a sub-select giving them as
 * JSON text, oldest first, and the parse of that text, done once per distinct content (the versions
 * change a few times a year; a new publication is new text, so it is never served stale).
 */

/** A scalar sub-select: every version as JSON text, in publication order (null when there is none). */
export function policyVersionsJson(): SQL<string | null> {
  return sql<string | null>`(select json_agg(json_build_array(p.version, p.effective_from, p.parameters) order by p.publication_order)::text from ${policyVersions} p)`;
}

let parsed: { text: string; versions: PolicyVersion[] } | null = null;

/** The versions a calculation chooses from, from `policyVersionsJson()`'s text (validated as `versions()` does). */
export function policyVersionsFromJson(text: string | null): PolicyVersion[] {
  if (!text) return [];
  if (parsed?.text !== text) {
    const rows = JSON.parse(text) as [string, string, unknown][];
    parsed = { text, versions: rows.map(([version, effectiveFrom, parameters]) => policyVersionSchema.parse({ version, effectiveFrom, parameters })) };
  }
  return parsed.versions;
}

/**
 * A scalar sub-select: the yes/no parameter at `path` (`['jointLiability', 'valIncludesEmployerVehiclesForDriverPenalty']`)
 * of the version in force on `date` (an SQL date expression, e.g. a case's incident date) — the one
 * `policyInForce` would choose: the latest effective on or before it, the later published on a tie —
 * or `fallback` when that version predates the parameter or no version is in force.
 */
export function policyFlagInForceOn(date: SQL, path: readonly string[], fallback: boolean): SQL<boolean> {
  const jsonPath = `{${path.join(',')}}`;
  return sql<boolean>`coalesce((select (p.parameters #>> ${jsonPath}::text[])::boolean from ${policyVersions} p
      where p.effective_from <= ${date} order by p.effective_from desc, p.publication_order desc limit 1), ${fallback})`;
}
