import type { z } from 'zod';
import type { addressInput } from './incident.js';

type Address = z.infer<typeof addressInput>;

/** An address as the lines of a letter's envelope window: street, town and postcode, country code. */
export function postalAddressLines(address: Address): string[] {
  const townLine = [address.postcode, address.town].filter(Boolean).join(' ');
  return [address.line1, address.line2, townLine, address.region, address.country].filter((line): line is string => Boolean(line && line.trim()));
}
