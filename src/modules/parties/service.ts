import { isCalendarDate } from '../../domain/clock/calendar-date.js';
import { asc, eq, inArray, or, sql } from 'drizzle-orm';
import type { Db } from '../../platform/database/client.js';
import { rowsOf } from '../../platform/database/client.js';
import { executeCommand, type CommandContext } from '../../platform/events/command.js';
import { readStream } from '../../platform/events/event-store.js';
import { normaliseName } from '../../domain/parties/names.js';
import { normaliseIdentifier } from '../../domain/parties/identifiers.js';
import { normaliseRegistration } from '../../domain/parties/registrations.js';
import { scoreComparison, type PairScore } from '../../domain/parties/scoring.js';
import { comparePrepared, prepareParty, type PartyRecord } from '../../domain/parties/comparison.js';
import { addPartyDetails, linkEmployment, mergeParties, recordPartyAddress, registerParty, registerVehicle, rejectMatch, resolvedPartyId, resolvedPartyIds, unmergeParty } from './commands.js';
import { employmentLinks, matchRejections, parties, partyAddresses, partyContacts, partyIdentifiers, partyNames, vehicles, vehicleLinks } from './schema.js';
import { oneAfterAnother } from '../../platform/database/one-after-another.js';

export interface MatchProposal {
  partyId: string;
  displayName: string;
  kind: string;
  country: string | null;
  dateOfBirth: string | null;
  score: PairScore;
  /** The party's own name that scored best. */
  matchedName: string;
}

const CANDIDATE_LIMIT = 40;
/** For each word of the name, this many similar words of the register are followed. */
const SIMILAR_WORDS = 3;
/**
 * Words used by more parties than this (e.g. "trans" in a large register) are not followed: they
 * would read a long posting list and find mostly strangers. Measured at a million parties, reading
 * postings of up to 20,000 cost 25–34 ms a lookup against 5–11 ms at 3,000.
 */
const COMMON_WORD_LIMIT = 3_000;
const RARITY_SCALE = 1_000_000;
/** People sharing a date of birth read as candidates (about 70 a day in a register of a million). */
const DATE_OF_BIRTH_LIMIT = 300;

export function partiesService(db: Db) {
  /** Everything matching needs about some parties, as records for the scorer (one per name). */
  async function recordsFor(ids: string[]) {
    if (!ids.length) return new Map<string, { party: typeof parties.$inferSelect; records: PartyRecord[]; names: string[] }>();
    const [rows, names, identifiers, addresses] = await oneAfterAnother([
      db.select().from(parties).where(inArray(parties.id, ids)),
      db.select().from(partyNames).where(inArray(partyNames.partyId, ids)),
      db.select().from(partyIdentifiers).where(inArray(partyIdentifiers.partyId, ids)),
      db.select().from(partyAddresses).where(inArray(partyAddresses.partyId, ids)),
    ]);
    const result = new Map<string, { party: typeof parties.$inferSelect; records: PartyRecord[]; names: string[] }>();
    for (const party of rows) {
      const address = addresses.find((a) => a.partyId === party.id);
      const ids = identifiers.filter((i) => i.partyId === party.id).map((i) => ({ kind: i.kind as never, value: i.value, country: i.country }));
      const own = names.filter((n) => n.partyId === party.id).map((n) => n.name);
      result.set(party.id, {
        party,
        names: own,
        records: own.map((name) => ({
          kind: party.kind as 'person' | 'organisation',
          name,
          country: party.country,
          dateOfBirth: party.dateOfBirth,
          address: address ? [address.line1, address.line2, address.town].filter(Boolean).join(', ') : null,
          postcode: address?.postcode ?? null,
          identifiers: ids,
        })),
      });
    }
    return result;
  }

  async function rejectedWith(partyIds: string[]): Promise<Set<string>> {
    if (!partyIds.length) return new Set();
    const rows = await db
      .select()
      .from(matchRejections)
      .where(or(inArray(matchRejections.partyA, partyIds), inArray(matchRejections.partyB, partyIds)));
    return new Set(rows.flatMap((r) => [`${r.partyA}|${r.partyB}`, `${r.partyB}|${r.partyA}`]));
  }

  const service = {
    register: (input: unknown, context: CommandContext) => executeCommand(db, registerParty, input, context),
    merge: (input: unknown, context: CommandContext) => executeCommand(db, mergeParties, input, context),
    unmerge: (input: unknown, context: CommandContext) => executeCommand(db, unmergeParty, input, context),
    rejectMatch: (input: unknown, context: CommandContext) => executeCommand(db, rejectMatch, input, context),
    registerVehicle: (input: unknown, context: CommandContext) => executeCommand(db, registerVehicle, input, context),
    linkEmployment: (input: unknown, context: CommandContext) => executeCommand(db, linkEmployment, input, context),
    recordAddress: (input: unknown, context: CommandContext) => executeCommand(db, recordPartyAddress, input, context),
    addDetails: (input: unknown, context: CommandContext) => executeCommand(db, addPartyDetails, input, context),
    resolvedPartyId: (partyId: string) => resolvedPartyId(db, partyId),

    /** Every register entry that is part of the same identity (the root and everything merged into it). */
    async identityMembers(partyId: string): Promise<string[]> {
      const root = await resolvedPartyId(db, partyId);
      if (!root) return [];
      const result = rowsOf<{ id: string }>(
        await db.execute(sql`
          with recursive members(id) as (
            select ${root}::uuid
            union
            select p.id from parties p join members m on p.merged_into = m.id
          ) select id from members`),
      );
      return result.map((r) => r.id);
    },

    /**
     * Existing parties that may be the one described, best first: candidates by blocking key,
     * identifier and trigram similarity (pg_trgm), scored field by field (Fellegi–Sunter).
     */
    async findMatches(record: PartyRecord, options: { excludePartyId?: string; limit?: number } = {}): Promise<MatchProposal[]> {
      const name = normaliseName(record.name, { legalForms: record.kind === 'organisation' });
      const identifierValues = (record.identifiers ?? [])
        .map((i) => normaliseIdentifier(i.kind, i.country ?? record.country ?? null, i.value))
        .filter(Boolean);
      const keys = [...new Set([name.key, name.alternativeKey].filter(Boolean))];
      const keyList = sql.join((keys.length ? keys : ['']).map((k) => sql`${k}`), sql`, `);
      const words = [...new Set(name.tokens.filter((t) => t.length >= 2))];
      // First the register's words most like each word of the name (a small table, trigram index).
      const similarWords = words.length
        ? rowsOf<{ word: string; token: string; frequency: number; sim: number }>(
            await db.execute(sql`
              with query_words(word) as (select json_array_elements_text(${JSON.stringify(words)}::json))
              select q.word, v.token, v.frequency, similarity(v.token, q.word) as sim
              from query_words q cross join lateral (
                select token, frequency from name_tokens where token % q.word order by similarity(token, q.word) desc limit ${SIMILAR_WORDS}
              ) v`),
          )
        : [];
      const rareWords = similarWords.filter((w) => Number(w.frequency) <= COMMON_WORD_LIMIT);
      // Then the parties using the rarer of them, most shared words first. A name made only of
      // common words ("Trans Cargo") falls back to trigram similarity over whole names.
      const byName = rareWords.length
        ? sql`(
            with similar_words(word, token, frequency, sim) as (
              values ${sql.join(rareWords.map((w) => sql`(${w.word}::text, ${w.token}::text, ${Number(w.frequency)}::int, ${Number(w.sim)}::float)`), sql`, `)}
            )
            select p.party_id from similar_words s join party_name_tokens p on p.token = s.token
            group by p.party_id
            order by count(distinct s.word) desc, sum(s.sim * ln(${RARITY_SCALE}::float / s.frequency)) desc
            limit ${CANDIDATE_LIMIT})`
        : name.core
          ? sql`(select party_id from party_names where core % ${name.core} order by similarity(core, ${name.core}) desc limit ${CANDIDATE_LIMIT})`
          : null;
      const candidateRows = rowsOf<{ party_id: string }>(
        await db.execute(sql`
          select party_id from (
            (select party_id from party_names where key in (${keyList}) or alternative_key in (${keyList}) limit ${CANDIDATE_LIMIT})
            ${identifierValues.length ? sql`union (select party_id from party_identifiers where normalised in (${sql.join(identifierValues.map((v) => sql`${v}`), sql`, `)}) limit ${CANDIDATE_LIMIT})` : sql``}
            ${byName ? sql`union ${byName}` : sql``}
            ${
              // Drivers' names repeat (Nowak, Popescu, Ivanov): the date of birth blocks them far better.
              record.kind === 'person' && record.dateOfBirth && /^\d{4}-\d{2}-\d{2}$/.test(record.dateOfBirth)
                ? sql`union (select id as party_id from parties where date_of_birth = ${record.dateOfBirth} and kind = 'person' limit ${DATE_OF_BIRTH_LIMIT})`
                : sql``
            }
          ) candidates`),
      );
      // Score against each identity's root, so a merged identity is proposed once.
      const roots = await resolvedPartyIds(db, [...new Set(candidateRows.map((r) => r.party_id))]);
      const records = await recordsFor([...new Set([...roots.keys(), ...roots.values()])]);
      const rejected = options.excludePartyId ? await rejectedWith([options.excludePartyId]) : new Set<string>();
      const best = new Map<string, MatchProposal>();
      const query = prepareParty(record);
      for (const [candidateId, root] of roots) {
        if (root === options.excludePartyId || candidateId === options.excludePartyId) continue;
        if (options.excludePartyId && (rejected.has(`${options.excludePartyId}|${root}`) || rejected.has(`${options.excludePartyId}|${candidateId}`))) continue;
        const candidate = records.get(candidateId);
        const rootParty = records.get(root)?.party ?? candidate?.party;
        if (!candidate || !rootParty) continue;
        candidate.records.forEach((candidateRecord, i) => {
          const score = scoreComparison(comparePrepared(query, prepareParty(candidateRecord)));
          const current = best.get(root);
          if (!current || score.totalWeight > current.score.totalWeight) {
            best.set(root, {
              partyId: root,
              displayName: rootParty.displayName,
              kind: rootParty.kind,
              country: rootParty.country,
              dateOfBirth: rootParty.dateOfBirth,
              score,
              matchedName: candidate.names[i]!,
            });
          }
        });
      }
      return [...best.values()]
        .filter((p) => p.score.classification !== 'no-match')
        .sort((a, b) => b.score.totalWeight - a.score.totalWeight)
        .slice(0, options.limit ?? 10);
    },

    /**
     * Possible matches for a confirmed party that nobody has decided yet: other register entries that
     * may be the same identity (not merged into it, not rejected). Earlier penalties hide behind
     * them, so a recommendation waits until a caseworker merges or rejects each one.
     */
    async openMatches(partyId: string): Promise<MatchProposal[]> {
      const root = await resolvedPartyId(db, partyId);
      if (!root) return [];
      const records = (await recordsFor([root])).get(root)?.records ?? [];
      const best = new Map<string, MatchProposal>();
      for (const record of records) {
        for (const proposal of await service.findMatches(record, { excludePartyId: root })) {
          const current = best.get(proposal.partyId);
          if (!current || proposal.score.totalWeight > current.score.totalWeight) best.set(proposal.partyId, proposal);
        }
      }
      return [...best.values()].sort((a, b) => b.score.totalWeight - a.score.totalWeight);
    },

    /** Staff search over the register: names in any spelling or alphabet, identifiers, registrations, dates of birth. */
    async search(query: string, limit = 50) {
      const q = query.trim();
      if (!q) return [];
      const ids = new Set<string>();
      // Only a real date is looked up as a date of birth: '2026-02-30' or '9999-99-99' is searched as text.
      if (isCalendarDate(q)) {
        for (const r of await db.select({ id: parties.id }).from(parties).where(eq(parties.dateOfBirth, q)).limit(limit)) ids.add(r.id);
      }
      const plate = normaliseRegistration(q);
      if (plate.length >= 2) {
        const rows = await db
          .select({ id: vehicleLinks.partyId })
          .from(vehicles)
          .innerJoin(vehicleLinks, eq(vehicleLinks.vehicleId, vehicles.id))
          .where(eq(vehicles.registrationKey, plate))
          .limit(limit);
        for (const r of rows) ids.add(r.id);
        for (const r of await db.select({ id: partyIdentifiers.partyId }).from(partyIdentifiers).where(eq(partyIdentifiers.normalised, plate)).limit(limit)) ids.add(r.id);
      }
      const name = normaliseName(q);
      if (name.core) {
        const rows = rowsOf<{ party_id: string }>(
          await db.execute(sql`
            select party_id from party_names
            where key in (${name.key}, ${name.alternativeKey}) or alternative_key in (${name.key}, ${name.alternativeKey})
               or core % ${name.core} or core like ${`%${name.core.replace(/[\\%_]/g, (c) => `\\${c}`)}%`}
            order by (key = ${name.key}) desc, similarity(core, ${name.core}) desc
            limit ${limit}`),
        );
        for (const r of rows) ids.add(r.party_id);
      }
      if (!ids.size) return [];
      const rows = await db.select().from(parties).where(inArray(parties.id, [...ids]));
      const order = [...ids];
      return rows.sort((a, b) => order.indexOf(a.id) - order.indexOf(b.id));
    },

    async getParty(partyId: string) {
      const [party] = await db.select().from(parties).where(eq(parties.id, partyId));
      if (!party) return null;
      const members = await service.identityMembers(partyId);
      const [names, identifiers, addresses, contacts, mergedMembers] = await Promise.all([
        db.select().from(partyNames).where(eq(partyNames.partyId, partyId)).orderBy(asc(partyNames.name)),
        db.select().from(partyIdentifiers).where(eq(partyIdentifiers.partyId, partyId)),
        db.select().from(partyAddresses).where(eq(partyAddresses.partyId, partyId)),
        db.select().from(partyContacts).where(eq(partyContacts.partyId, partyId)),
        db.select().from(parties).where(eq(parties.mergedInto, partyId)),
      ]);
      const [vehicleRows, employers, drivers] = await oneAfterAnother([
        db
          .select({ vehicleId: vehicles.id, registration: vehicles.registration, country: vehicles.country, kind: vehicles.kind, role: vehicleLinks.role, validFrom: vehicleLinks.validFrom, validTo: vehicleLinks.validTo })
          .from(vehicleLinks)
          .innerJoin(vehicles, eq(vehicles.id, vehicleLinks.vehicleId))
          .where(eq(vehicleLinks.partyId, partyId))
          .orderBy(asc(vehicles.registration)),
        db
          .select({ partyId: employmentLinks.organisationId, name: parties.displayName, relationship: employmentLinks.relationship, validFrom: employmentLinks.validFrom, validTo: employmentLinks.validTo })
          .from(employmentLinks)
          .innerJoin(parties, eq(parties.id, employmentLinks.organisationId))
          .where(eq(employmentLinks.personId, partyId)),
        db
          .select({ partyId: employmentLinks.personId, name: parties.displayName, relationship: employmentLinks.relationship, validFrom: employmentLinks.validFrom, validTo: employmentLinks.validTo })
          .from(employmentLinks)
          .innerJoin(parties, eq(parties.id, employmentLinks.personId))
          .where(eq(employmentLinks.organisationId, partyId)),
      ]);
      const history = await readStream(db, `party-${partyId}`);
      // The other entries the history names (merged into, rejected, employer), by name.
      const named = [...new Set(history.flatMap((e) => ['into', 'from', 'otherId', 'organisationId'].map((key) => (e.payload as Record<string, unknown>)[key]).filter((v): v is string => typeof v === 'string')))];
      const namedRows = named.length ? await db.select({ id: parties.id, name: parties.displayName }).from(parties).where(inArray(parties.id, named)) : [];
      return {
        party,
        names,
        identifiers,
        addresses,
        contacts,
        mergedMembers,
        identityMembers: members,
        vehicles: vehicleRows,
        employers,
        drivers,
        history,
        otherNames: new Map(namedRows.map((r) => [r.id, r.name] as const)),
      };
    },
  };
  return service;
}

export type PartiesService = ReturnType<typeof partiesService>;
