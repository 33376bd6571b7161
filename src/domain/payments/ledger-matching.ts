import { formatPounds } from '../penalty/money.js';
import type { Offence, Role } from '../penalty/penalty-input.js';
import type { Payer } from '../liability/actions.js';
import { namesShareKey, normaliseName } from '../parties/names.js';
import { softTokenSimilarity } from '../parties/similarity.js';
import type { LedgerLine } from './ledger-file.js';
import { nearbyReferences, referencesIn, type QuotedReference } from './payment-reference.js';

/*
 * Which penalty a ledger line pays. In order:
 *
 * 1. the invoice reference, when an earlier payment on a penalty carried it;
 * 2. a case reference the payer quoted (well written, else garbled), narrowed within the case by the
 *    suffix, then the amount equal to what a person owes, then the payer's name, then who still owes;
 * 3. a fuzzy fallback over three clues — a case reference one slip from the one quoted, the payer's
 *    name against the responsible person's (the parties register's normalisation), the amount equal
 *    to what is outstanding — where one penalty with two clues or more is a match.
 *
 * One clear penalty is a match; otherwise the line waits for a finance officer with its candidates.
 */

/** A penalty a payment could be recorded against, as the matcher needs it. */
export interface PayableLiability {
  liabilityId: string;
  caseReference: string;
  role: Role;
  offence: Offence;
  partyName: string;
  /** What is owed now; null before a penalty is imposed. */
  outstandingPence: number | null;
  /** False once finished (paid and closed, written off, not referred): nothing more can be recorded. */
  open: boolean;
}

export interface MatchContext {
  /** Every liability of each case that a reference in the line, or one a slip away, names. */
  byCase: ReadonlyMap<string, readonly PayableLiability[]>;
  /** The penalty each invoice reference was recorded against before. */
  byInvoice: ReadonlyMap<string, PayableLiability>;
  /** Open penalties with money owed, for the name and amount clues (an index when there are many). */
  owing: readonly PayableLiability[] | OwingIndex;
}

/**
 * The penalties with money owed, indexed by the words of the person's name and by the amount owed,
 * so that the fuzzy fallback compares a payer's name with the few names sharing a word, not with
 * every debtor. Kept up to date with `updateOwing` as payments are recorded.
 */
export interface OwingIndex {
  byId: Map<string, PayableLiability>;
  byWord: Map<string, Set<string>>;
}

function nameWords(name: string): string[] {
  const normalised = normaliseName(name);
  return [...new Set([...normalised.tokens, normalised.key, normalised.alternativeKey].filter((word) => word.length > 1))];
}

export function owingIndex(owing: readonly PayableLiability[]): OwingIndex {
  const index: OwingIndex = { byId: new Map(), byWord: new Map() };
  for (const liability of owing) updateOwing(index, liability);
  return index;
}

/** Puts a penalty's current state in the index: kept while open with money owed, dropped otherwise. */
export function updateOwing(index: OwingIndex, liability: PayableLiability): void {
  const known = index.byId.has(liability.liabilityId);
  if (liability.open && (liability.outstandingPence ?? 0) > 0) {
    index.byId.set(liability.liabilityId, liability);
    if (known) return;
    for (const word of nameWords(liability.partyName)) {
      const ids = index.byWord.get(word) ?? new Set<string>();
      ids.add(liability.liabilityId);
      index.byWord.set(word, ids);
    }
  } else {
    index.byId.delete(liability.liabilityId);
  }
}

/** The owing penalties a line's name or amount could point to. */
function owingCandidates(owing: MatchContext['owing'], line: Pick<LedgerLine, 'payerName' | 'amountPence'>): PayableLiability[] {
  if (Array.isArray(owing)) return [...(owing as readonly PayableLiability[])];
  const index = owing as OwingIndex;
  const ids = new Set<string>();
  if (line.payerName.trim()) for (const word of nameWords(line.payerName)) for (const id of index.byWord.get(word) ?? []) ids.add(id);
  const byName = [...ids].map((id) => index.byId.get(id)).filter((l): l is PayableLiability => l !== undefined);
  // The amount alone is never a match, so penalties owing exactly the amount matter only with another clue: those found by name.
  return byName;
}

export interface Candidate {
  reference: string;
  liabilityId: string;
  why: string;
}

export type LedgerMatch =
  | { kind: 'matched'; liability: PayableLiability; how: string }
  | { kind: 'ambiguous' | 'unmatched'; candidates: Candidate[]; explanation: string };

const MAX_CANDIDATES = 10;

/** Whether a payer's name and a responsible person's name are the same name, however spelt. */
export function namesAgree(payerName: string, partyName: string): boolean {
  if (!payerName.trim() || !partyName.trim()) return false;
  const a = normaliseName(payerName);
  const b = normaliseName(partyName);
  if (a.key === '' || b.key === '') return false;
  if (namesShareKey(a, b)) return true;
  if (truncated(a.tokens, b.tokens) || truncated(b.tokens, a.tokens)) return true;
  // Each word matched to its most alike on the other side (a typo, another order), never one word standing for all.
  return softTokenSimilarity(a.tokens, b.tokens) >= 0.92;
}

/** Banks cut long names short: "ALPHA" for Alpha Haulage, "TRANS POL" for Trans Pol Logistics (same first word, nothing else). */
function truncated(short: readonly string[], long: readonly string[]): boolean {
  return short.length > 0 && short.length < long.length && short.every((word, i) => word === long[i]);
}

/** Who paid: the person themselves, the employer of a driver (joint and several), or someone else. */
export function whoPaid(payerName: string, liability: Pick<PayableLiability, 'role' | 'partyName'>, caseLiabilities: readonly Pick<PayableLiability, 'role' | 'partyName'>[]): Payer {
  if (!payerName.trim() || namesAgree(payerName, liability.partyName)) return 'recipient';
  if (liability.role === 'driver' && caseLiabilities.some((other) => other.role !== 'driver' && namesAgree(payerName, other.partyName))) return 'employer';
  return 'other';
}

/** The text a reference is looked for in: what the payer wrote, then the invoice reference. */
export function referenceText(line: Pick<LedgerLine, 'payerReference' | 'invoiceReference'>): string {
  return `${line.payerReference} ${line.invoiceReference}`;
}

/** The references a line quotes, and the nearby references the fuzzy fallback may try: what to look up. */
export function referencesToLookUp(line: Pick<LedgerLine, 'payerReference' | 'invoiceReference'>): { quoted: QuotedReference[]; nearby: string[] } {
  const quoted = referencesIn(referenceText(line));
  return { quoted, nearby: [...new Set(quoted.flatMap((reference) => nearbyReferences(reference.caseReference)))] };
}

function owedText(liability: PayableLiability): string {
  return liability.outstandingPence === null ? 'no penalty imposed yet' : `${formatPounds(Math.max(liability.outstandingPence, 0))} outstanding`;
}

function personText(liability: PayableLiability): string {
  return `${liability.role} ${liability.partyName}`;
}

function narrowOnce(pool: PayableLiability[], keep: (liability: PayableLiability) => boolean): PayableLiability[] {
  const kept = pool.filter(keep);
  return kept.length > 0 && kept.length < pool.length ? kept : pool;
}

/** Within the people a reference names: the amount owed, then the name, then who still owes. */
function narrow(pool: PayableLiability[], line: Pick<LedgerLine, 'amountPence' | 'payerName'>): PayableLiability[] {
  let narrowed = narrowOnce(pool, (l) => l.outstandingPence === line.amountPence);
  narrowed = narrowOnce(narrowed, (l) => namesAgree(line.payerName, l.partyName));
  return narrowOnce(narrowed, (l) => (l.outstandingPence ?? 0) > 0);
}

function fromReference(line: LedgerLine, quoted: QuotedReference[], context: MatchContext): LedgerMatch | null {
  const named = quoted.filter((reference) => (context.byCase.get(reference.caseReference)?.length ?? 0) > 0);
  if (named.length === 0) return null;
  const pool = new Map<string, { liability: PayableLiability; reference: QuotedReference }>();
  const finished: PayableLiability[] = [];
  for (const reference of named) {
    for (const liability of context.byCase.get(reference.caseReference)!) {
      if (reference.role && liability.role !== reference.role) continue;
      if (reference.offence && liability.offence !== reference.offence) continue;
      if (!liability.open) finished.push(liability);
      else if (!pool.has(liability.liabilityId)) pool.set(liability.liabilityId, { liability, reference });
    }
  }
  const quotedAs = (reference: QuotedReference) =>
    reference.how === 'exact' ? `reference ${reference.quoted} quoted` : `reference written “${reference.quoted}”, read as ${reference.caseReference}${reference.role ? ` (${reference.role})` : ''}`;
  if (pool.size === 0) {
    return {
      kind: 'unmatched',
      explanation: `The ${named.map((r) => r.caseReference).join(', ')} ${finished.length ? 'penalties quoted are finished (paid, closed or written off)' : 'reference names nobody who can pay'}.`,
      candidates: finished.slice(0, MAX_CANDIDATES).map((l) => ({ reference: l.caseReference, liabilityId: l.liabilityId, why: `${quotedAs(named[0]!)}; ${personText(l)}: finished` })),
    };
  }
  const narrowed = narrow([...pool.values()].map((entry) => entry.liability), line);
  if (narrowed.length === 1) {
    const liability = narrowed[0]!;
    const { reference } = pool.get(liability.liabilityId)!;
    const reasons = [quotedAs(reference)];
    if (pool.size > 1) {
      if (liability.outstandingPence === line.amountPence) reasons.push(`the amount equals the ${personText(liability)}’s outstanding penalty`);
      else if (namesAgree(line.payerName, liability.partyName)) reasons.push(`the payer is the ${liability.role}`);
      else reasons.push(`only the ${personText(liability)} still owes`);
    }
    return { kind: 'matched', liability, how: reasons.join('; ') };
  }
  return {
    kind: 'ambiguous',
    explanation: `The reference names a case where ${narrowed.length} people owe and nothing in the line says whose penalty it pays.`,
    candidates: narrowed.slice(0, MAX_CANDIDATES).map((l) => ({ reference: l.caseReference, liabilityId: l.liabilityId, why: `${quotedAs(pool.get(l.liabilityId)!.reference)}; ${personText(l)}, ${owedText(l)}` })),
  };
}

type Clue = 'nearby' | 'name' | 'amount';

function fuzzy(line: LedgerLine, quoted: QuotedReference[], context: MatchContext): LedgerMatch {
  const clues = new Map<string, { liability: PayableLiability; clues: Set<Clue>; nearby?: string }>();
  const add = (liability: PayableLiability, clue: Clue, nearby?: string) => {
    if (!liability.open) return;
    const entry = clues.get(liability.liabilityId) ?? { liability, clues: new Set<Clue>() };
    entry.clues.add(clue);
    if (nearby) entry.nearby = nearby;
    clues.set(liability.liabilityId, entry);
  };
  for (const reference of quoted) {
    for (const near of nearbyReferences(reference.caseReference)) {
      for (const liability of context.byCase.get(near) ?? []) {
        if (reference.role && liability.role !== reference.role) continue;
        add(liability, 'nearby', reference.quoted);
      }
    }
  }
  const candidates = [...owingCandidates(context.owing, line), ...[...clues.values()].map((entry) => entry.liability)];
  const seen = new Set<string>();
  for (const liability of candidates) {
    if (seen.has(liability.liabilityId)) continue;
    seen.add(liability.liabilityId);
    if (line.payerName && namesAgree(line.payerName, liability.partyName)) add(liability, 'name');
    if (liability.outstandingPence === line.amountPence) add(liability, 'amount');
  }
  const why = (entry: { liability: PayableLiability; clues: Set<Clue>; nearby?: string }) =>
    [
      entry.clues.has('nearby') ? `reference “${entry.nearby}” is one slip from ${entry.liability.caseReference}` : null,
      entry.clues.has('name') ? `payer name matches the ${personText(entry.liability)}` : null,
      entry.clues.has('amount') ? `the amount equals the ${formatPounds(line.amountPence)} the ${entry.liability.role} owes` : null,
    ]
      .filter(Boolean)
      .join('; ');
  const entries = [...clues.values()];
  const strong = entries.filter((entry) => entry.clues.size >= 2).sort((a, b) => b.clues.size - a.clues.size);
  const strongest = strong.filter((entry) => entry.clues.size === strong[0]?.clues.size);
  if (strongest.length === 1) return { kind: 'matched', liability: strongest[0]!.liability, how: why(strongest[0]!) };
  const toCandidate = (entry: (typeof entries)[number]) => ({ reference: entry.liability.caseReference, liabilityId: entry.liability.liabilityId, why: why(entry) });
  if (strongest.length > 1) {
    return { kind: 'ambiguous', explanation: `${strongest.length} penalties fit the line equally well.`, candidates: strongest.slice(0, MAX_CANDIDATES).map(toCandidate) };
  }
  // One clue alone is a suggestion, not a match; the amount alone suggests nothing (many penalties share an amount).
  const suggestions = entries.filter((entry) => entry.clues.has('nearby') || entry.clues.has('name'));
  return {
    kind: 'unmatched',
    explanation: quoted.length
      ? `No case has the reference ${quoted.map((r) => r.caseReference).join(', ')} and nothing else in the line points to one penalty.`
      : 'The line quotes no case reference and nothing else in it points to one penalty.',
    candidates: suggestions.slice(0, MAX_CANDIDATES).map(toCandidate),
  };
}

export function matchLedgerLine(line: LedgerLine, context: MatchContext): LedgerMatch {
  const byInvoice = line.invoiceReference ? context.byInvoice.get(line.invoiceReference) : undefined;
  if (byInvoice?.open) return { kind: 'matched', liability: byInvoice, how: `invoice reference ${line.invoiceReference} was paid against this penalty before` };
  const { quoted } = referencesToLookUp(line);
  return fromReference(line, quoted, context) ?? fuzzy(line, quoted, context);
}
