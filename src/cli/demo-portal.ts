import { sql } from 'drizzle-orm';
import { rowsOf, type Db } from '../platform/database/client.js';
import type { FileStore } from '../platform/files/file-store.js';
import type { LetterPart } from '../platform/pdf/letter.js';
import { accessCodeInLayout } from '../modules/correspondence/access-codes.js';

/** A way into the portal for the demo: what a person would read on their newest letter. */
export interface DemoPortalSignIn {
  reference: string;
  name: string;
  role: string;
  accessCode: string;
  addressLines: string[];
}

/**
 * The portal sign-ins of a few demo people (a driver and an owner first): the case reference and
 * the access code printed on their newest letter, and the address it went to (its postcode is the
 * third thing asked). Codes are kept only as digests, so they are read back from the letters' stored
 * layouts, exactly as the person would read them on paper. Local demo use only.
 */
export async function demoPortalSignIns(db: Db, files: Pick<FileStore, 'get'>, limit = 4): Promise<DemoPortalSignIn[]> {
  const result = await db.execute(sql`
    select distinct on (l.id) c.reference, l.party_name as name, l.role, l.address_lines, cl.layout_hash
    from case_letters cl
    join liabilities l on l.id = cl.liability_id
    join cases c on c.id = l.case_id
    where cl.layout_hash is not null and l.address_lines is not null
    order by l.id, cl.created_at desc, cl.id desc`);
  const rows = rowsOf<{ reference: string; name: string; role: string; address_lines: string[]; layout_hash: string }>(result);
  const ordered = [...rows].sort((a, b) => a.reference.localeCompare(b.reference) || a.role.localeCompare(b.role));
  const found: DemoPortalSignIn[] = [];
  for (const row of ordered) {
    if (found.length >= limit) break;
    if (found.some((f) => f.role === row.role) && found.length < 2) continue;
    const layout = await files.get(row.layout_hash);
    const accessCode = layout ? accessCodeInLayout(JSON.parse(layout.toString('utf8')) as LetterPart[]) : null;
    if (accessCode) found.push({ reference: row.reference, name: row.name, role: row.role, accessCode, addressLines: row.address_lines });
  }
  return found;
}
