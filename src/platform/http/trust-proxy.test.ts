import { describe, expect, it } from 'vitest';
import { buildServer } from './server.js';
import { loadConfig, parseTrustedProxies } from '../config.js';

/** The service's server with one route that answers the address it believes the request came from. */
async function serverTrusting(trustedProxies: readonly string[] | undefined) {
  const app = await buildServer({
    logLevel: 'silent',
    cookieSecret: 'test-cookie-secret-test-cookie-secret',
    secureCookies: false,
    resolveActor: async () => null,
    readiness: async () => ({ ready: true, checks: {} }),
    signInRateLimitPerMinute: 1000,
    navigation: () => [],
    ...(trustedProxies ? { trustedProxies } : {}),
  });
  app.get('/test-address', { config: { access: { public: true } } }, async (request) => ({ ip: request.ip }));
  await app.ready();
  return app;
}

async function addressSeen(trustedProxies: readonly string[] | undefined, from: string, forwardedFor?: string) {
  const app = await serverTrusting(trustedProxies);
  try {
    const response = await app.inject({ method: 'GET', url: '/test-address', remoteAddress: from, headers: forwardedFor ? { 'x-forwarded-for': forwardedFor } : {} });
    return (response.json() as { ip: string }).ip;
  } finally {
    await app.close();
  }
}

describe('which address a request came from', () => {
  it('ignores X-Forwarded-For when no proxy is configured (the default)', async () => {
    expect(loadConfig({}).trustedProxies).toEqual([]);
    expect(await addressSeen(undefined, '203.0.113.7', '198.51.100.1')).toBe('203.0.113.7');
    expect(await addressSeen([], '127.0.0.1', '198.51.100.1')).toBe('127.0.0.1');
  });

  it('believes X-Forwarded-For only from a configured proxy', async () => {
    const proxies = parseTrustedProxies('10.0.0.5');
    expect(await addressSeen(proxies, '10.0.0.5', '198.51.100.1')).toBe('198.51.100.1');
    // The same header from anyone else is the client's own claim.
    expect(await addressSeen(proxies, '10.0.0.6', '198.51.100.1')).toBe('10.0.0.6');
  });

  it('accepts CIDR ranges, and stops at the first address no trusted proxy vouches for', async () => {
    const proxies = loadConfig({ CORDON_TRUSTED_PROXIES: ' 10.1.0.0/16 , 192.0.2.1' }).trustedProxies;
    expect(proxies).toEqual(['10.1.0.0/16', '192.0.2.1']);
    expect(await addressSeen(proxies, '10.1.200.3', '198.51.100.1')).toBe('198.51.100.1');
    // A client that prepends an address of its choosing is still seen as itself.
    expect(await addressSeen(proxies, '10.1.200.3', '6.6.6.6, 198.51.100.1')).toBe('198.51.100.1');
    // A chain through two trusted proxies.
    expect(await addressSeen(proxies, '192.0.2.1', '198.51.100.1, 10.1.0.9')).toBe('198.51.100.1');
  });

  it('refuses a setting that is not a list of addresses, with a message', () => {
    expect(parseTrustedProxies('loopback, ::1, 2001:db8::/32')).toEqual(['loopback', '::1', '2001:db8::/32']);
    for (const wrong of ['10.0.0.300', 'proxy.internal', '10.0.0.0/33', '10.0.0.0/8/1', 'true']) {
      expect(() => parseTrustedProxies(wrong), wrong).toThrow(/CORDON_TRUSTED_PROXIES must list IP addresses or CIDR ranges/);
    }
  });
});
