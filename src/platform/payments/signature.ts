import { createHmac, timingSafeEqual } from 'node:crypto';

/** GOV.UK Pay's webhook signature: HMAC-SHA256 of the raw body with the webhook's signing secret, hex. */
export function webhookSignature(rawBody: string, secret: string): string {
  return createHmac('sha256', secret).update(rawBody, 'utf8').digest('hex');
}

/** Whether the `Pay-Signature` header is the body's signature (compared in constant time). */
export function signatureMatches(rawBody: string, signature: string | undefined, secret: string): boolean {
  if (!signature || !/^[0-9a-f]{64}$/i.test(signature.trim())) return false;
  const expected = Buffer.from(webhookSignature(rawBody, secret), 'hex');
  const given = Buffer.from(signature.trim().toLowerCase(), 'hex');
  return expected.length === given.length && timingSafeEqual(expected, given);
}
