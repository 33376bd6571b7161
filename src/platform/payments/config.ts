import { FakePaymentProvider } from './fake-provider.js';
import { GOVUK_PAY_BASE_URL, govukPayProvider } from './govuk-pay.js';
import type { PaymentProvider } from './provider.js';

/**
 * The payment provider the environment asks for: GOV.UK Pay when `GOVUK_PAY_API_KEY` is set
 * (`GOVUK_PAY_WEBHOOK_SECRET` for its webhooks, `GOVUK_PAY_BASE_URL` to point elsewhere), otherwise
 * the offline fake (which takes no money: set the key in production).
 */
export function paymentProviderFromEnv(env: NodeJS.ProcessEnv = process.env): PaymentProvider {
  const apiKey = env.GOVUK_PAY_API_KEY?.trim();
  if (!apiKey) {
    return new FakePaymentProvider();
  }
  return govukPayProvider({ apiKey, webhookSecret: env.GOVUK_PAY_WEBHOOK_SECRET?.trim() || undefined, baseUrl: env.GOVUK_PAY_BASE_URL?.trim() || GOVUK_PAY_BASE_URL });
}

/**
 * Why the service must not start in production with these settings (null when it may): the fake
 * provider takes no money, and letters would print a local address for the portal.
 */
export function portalSettingsProblem(env: NodeJS.ProcessEnv, production: boolean): string | null {
  if (!production) return null;
  const missing = [
    !env.GOVUK_PAY_API_KEY?.trim() ? 'GOVUK_PAY_API_KEY (card payments would go to the offline fake provider, which takes no money)' : null,
    !env.CORDON_PORTAL_URL?.trim() ? 'CORDON_PORTAL_URL (letters would print a local address for the portal)' : null,
  ].filter((problem): problem is string => problem !== null);
  return missing.length ? `${missing.join(' and ')} must be set when NODE_ENV=production` : null;
}
