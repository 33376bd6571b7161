import { asc } from 'drizzle-orm';
import type { Db } from '../../platform/database/client.js';
import { executeCommand, type CommandContext } from '../../platform/events/command.js';
import { DEFAULT_POLICY_VERSIONS } from '../../domain/policy/default-policy.js';
import { policyVersionSchema, type PolicyVersion } from '../../domain/policy/policy-parameters.js';
import { SYSTEM_ACTOR } from '../identity/service.js';
import { publishPolicyVersion } from './commands.js';
import { policyVersions } from './schema.js';

export function policyService(db: Db) {
  return {
    publish: (input: unknown, context: CommandContext) => executeCommand(db, publishPolicyVersion, input, context),

    /** Publishes the versions shipped with the code that the database does not have yet. */
    async installDefaults(): Promise<number> {
      const have = new Set((await db.select({ version: policyVersions.version }).from(policyVersions)).map((r) => r.version));
      let installed = 0;
      for (const version of DEFAULT_POLICY_VERSIONS) {
        if (have.has(version.version)) continue;
        const outcome = await executeCommand(
          db,
          publishPolicyVersion,
          { ...version, reason: 'Initial policy: the values of record in DOMAIN.md, shipped with Cordon', initial: true },
          { actor: SYSTEM_ACTOR, idempotencyKey: `install-policy-${version.version}` },
        );
        if (!outcome.ok) throw new Error(`Could not install policy ${version.version}: ${outcome.message}`);
        installed += 1;
      }
      return installed;
    },

    /** Every published version with who published it and why, oldest first. */
    async listVersions() {
      return db.select().from(policyVersions).orderBy(asc(policyVersions.publicationOrder));
    },

    /** The versions a calculation chooses from (validated, so a bad row fails loudly, not quietly). */
    async versions(): Promise<PolicyVersion[]> {
      const rows = await db.select().from(policyVersions).orderBy(asc(policyVersions.publicationOrder));
      return rows.map((row) => policyVersionSchema.parse({ version: row.version, effectiveFrom: row.effectiveFrom, parameters: row.parameters }));
    },
  };
}

export type PolicyService = ReturnType<typeof policyService>;
