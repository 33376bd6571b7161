import { PORTS, type PortCode } from '../reference/ports.js';

/**
 * The port names staff typed into the Access database and the ports' logs, each mapped to Cordon's
 * port list (src/domain/reference/ports.ts). Compared after folding case, accents, punctuation and
 * spacing, so "DOVER", "dover " and "Dover." are one spelling. A name not here is refused with its
 * line: it is never guessed (a new spelling is added to this table once someone has said which port
 * it is).
 */
export const LEGACY_PORT_SPELLINGS: Readonly<Record<string, PortCode>> = {
  coquelles: 'CQF',
  'coquelles eurotunnel': 'CQF',
  'eurotunnel coquelles': 'CQF',
  'channel tunnel coquelles': 'CQF',
  'coquelles juxtaposed': 'CQF',
  cqf: 'CQF',
  calais: 'CAL',
  'calais port': 'CAL',
  'calais juxtaposed': 'CAL',
  cal: 'CAL',
  dunkirk: 'DKK',
  dunkerque: 'DKK',
  'dunkirk port': 'DKK',
  dkk: 'DKK',
  dover: 'DVR',
  'dover eastern docks': 'DVR',
  'dover edocks': 'DVR',
  'eastern docks': 'DVR',
  'dover western docks': 'DVR',
  'port of dover': 'DVR',
  dvr: 'DVR',
  folkestone: 'FKS',
  'folkestone eurotunnel': 'FKS',
  'eurotunnel folkestone': 'FKS',
  'cheriton': 'FKS',
  fks: 'FKS',
  portsmouth: 'PME',
  newhaven: 'NHV',
  poole: 'POO',
  plymouth: 'PLY',
  southampton: 'SOU',
  purfleet: 'PFT',
  tilbury: 'TIL',
  harwich: 'HRW',
  'harwich international': 'HRW',
  felixstowe: 'FXT',
  immingham: 'IMM',
  hull: 'HUL',
  'kingston upon hull': 'HUL',
  liverpool: 'LIV',
  heysham: 'HYM',
  holyhead: 'HLY',
};

/** Case, accents, punctuation and spacing folded away. */
export function portSpellingKey(raw: string): string {
  return raw
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** The port a legacy name stands for, or null when the name is not a known spelling. */
export function legacyPort(raw: string): PortCode | null {
  return LEGACY_PORT_SPELLINGS[portSpellingKey(raw)] ?? null;
}

/** Every code the table maps to is one of Cordon's ports (checked by a test). */
export const KNOWN_PORT_CODES: ReadonlySet<string> = new Set(PORTS.map((port) => port.code));
