import { describe, expect, it } from 'vitest';
import { FakePaymentProvider } from './fake-provider.js';
import { paymentProviderFromEnv, portalSettingsProblem } from './config.js';

describe('payment and portal settings', () => {
  it('uses the offline fake provider without a GOV.UK Pay key, GOV.UK Pay with one', () => {
    expect(paymentProviderFromEnv({})).toBeInstanceOf(FakePaymentProvider);
    expect(paymentProviderFromEnv({ GOVUK_PAY_API_KEY: 'api_test_x' })).not.toBeInstanceOf(FakePaymentProvider);
  });

  it('refuses production without a GOV.UK Pay key or the portal address, and names each', () => {
    expect(portalSettingsProblem({}, false)).toBeNull();
    expect(portalSettingsProblem({}, true)).toMatch(/GOVUK_PAY_API_KEY .* and CORDON_PORTAL_URL .* must be set when NODE_ENV=production/);
    expect(portalSettingsProblem({ GOVUK_PAY_API_KEY: 'k' }, true)).toMatch(/^CORDON_PORTAL_URL/);
    expect(portalSettingsProblem({ GOVUK_PAY_API_KEY: 'k', CORDON_PORTAL_URL: 'https://penalties.service.gov.uk/portal' }, true)).toBeNull();
  });
});
