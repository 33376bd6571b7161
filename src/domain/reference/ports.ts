/**
 * Where Border Force searches vehicles for clandestine entrants: the juxtaposed controls in France
 * and the UK ports named in the 2025 inspection report (chapters 4–5). Codes are stable identifiers.
 */
export const PORTS = [
  { code: 'CQF', name: 'Coquelles (Eurotunnel, juxtaposed control)', country: 'FR', juxtaposed: true },
  { code: 'CAL', name: 'Calais (juxtaposed control)', country: 'FR', juxtaposed: true },
  { code: 'DKK', name: 'Dunkerque (juxtaposed control)', country: 'FR', juxtaposed: true },
  { code: 'DVR', name: 'Dover', country: 'GB', juxtaposed: false },
  { code: 'FKS', name: 'Folkestone (Eurotunnel UK terminal)', country: 'GB', juxtaposed: false },
  { code: 'PME', name: 'Portsmouth', country: 'GB', juxtaposed: false },
  { code: 'NHV', name: 'Newhaven', country: 'GB', juxtaposed: false },
  { code: 'POO', name: 'Poole', country: 'GB', juxtaposed: false },
  { code: 'PLY', name: 'Plymouth', country: 'GB', juxtaposed: false },
  { code: 'SOU', name: 'Southampton', country: 'GB', juxtaposed: false },
  { code: 'PFT', name: 'Purfleet', country: 'GB', juxtaposed: false },
  { code: 'TIL', name: 'Tilbury', country: 'GB', juxtaposed: false },
  { code: 'HRW', name: 'Harwich', country: 'GB', juxtaposed: false },
  { code: 'FXT', name: 'Felixstowe', country: 'GB', juxtaposed: false },
  { code: 'IMM', name: 'Immingham', country: 'GB', juxtaposed: false },
  { code: 'HUL', name: 'Hull', country: 'GB', juxtaposed: false },
  { code: 'LIV', name: 'Liverpool', country: 'GB', juxtaposed: false },
  { code: 'HYM', name: 'Heysham', country: 'GB', juxtaposed: false },
  { code: 'HLY', name: 'Holyhead', country: 'GB', juxtaposed: false },
] as const;

export type PortCode = (typeof PORTS)[number]['code'];
export const PORT_CODES = PORTS.map((p) => p.code) as [PortCode, ...PortCode[]];

export function portName(code: string): string {
  return PORTS.find((p) => p.code === code)?.name ?? code;
}

/** Countries whose vehicles are commonly found in the scheme, ISO 3166-1 alpha-2. */
export const VEHICLE_COUNTRIES: Record<string, string> = {
  GB: 'United Kingdom', IE: 'Ireland', FR: 'France', BE: 'Belgium', NL: 'Netherlands', DE: 'Germany', PL: 'Poland',
  RO: 'Romania', BG: 'Bulgaria', LT: 'Lithuania', LV: 'Latvia', EE: 'Estonia', CZ: 'Czechia', SK: 'Slovakia',
  HU: 'Hungary', SI: 'Slovenia', HR: 'Croatia', RS: 'Serbia', BA: 'Bosnia and Herzegovina', MK: 'North Macedonia',
  AL: 'Albania', GR: 'Greece', TR: 'Türkiye', UA: 'Ukraine', MD: 'Moldova', BY: 'Belarus', ES: 'Spain', PT: 'Portugal',
  IT: 'Italy', AT: 'Austria', CH: 'Switzerland', DK: 'Denmark', SE: 'Sweden', NO: 'Norway', FI: 'Finland',
  LU: 'Luxembourg', GE: 'Georgia', KZ: 'Kazakhstan',
};
