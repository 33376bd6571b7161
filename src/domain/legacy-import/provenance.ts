import { z } from 'zod';

/**
 * Where an imported fact came from in the legacy record: the file and the line (the header is line
 * 1). Every event the legacy import writes carries it as `migrated`, so the case timeline names the
 * source, and whatever would otherwise react to a new fact (a letter, a reminder, a notification)
 * can tell a migrated fact from a live one.
 */
export const migratedFrom = z.strictObject({ file: z.string().min(1), line: z.number().int().min(1) });
export type MigratedFrom = z.infer<typeof migratedFrom>;

/** The `migrated` field of an event that may have been imported: absent on every live event. */
export const migratedField = { migrated: migratedFrom.optional() };
