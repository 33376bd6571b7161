import { and, eq, lt } from 'drizzle-orm';
import * as client from 'openid-client';
import type { Db } from '../../platform/database/client.js';
import type { Actor } from '../../platform/events/event-store.js';
import type { OidcConfig } from '../../platform/config.js';
import { executeCommand } from '../../platform/events/command.js';
import { MACHINE_ROLES } from '../../domain/identity/single-sign-on.js';
import { sessions, singleSignOnIdentities, users } from './schema.js';
import { hashSecret, newSecret } from './passwords.js';
import { isRole, ROLE_IDS, type Role } from './roles.js';
import { addSingleSignOnUser, changeSingleSignOnRoles } from './oidc-commands.js';

/*
 * Single sign-on with OpenID Connect (the authorisation code flow with PKCE, state and nonce), by
 * `openid-client`. The organisation's identity provider says who the person is and, through a claim,
 * which roles they hold; Cordon keeps a user record keyed by the provider's issuer and subject, updates
 * its roles from the claim at each sign-in, and then issues its own session cookie, the same as a
 * local sign-in. See README.md, "Single sign-on".
 */

/** Who records a single sign-on user's arrival and their roles on the log: Cordon, on the identity provider's word. */
export const SINGLE_SIGN_ON_ACTOR: Actor = { id: 'single-sign-on', name: 'Cordon (single sign-on)', roles: ['administrator'] };

/** Claim values (as the provider sends them) → Cordon roles; `null` when claim values are role identifiers themselves. */
export type RoleMap = ReadonlyMap<string, readonly Role[]> | null;

/**
 * Reads `CORDON_OIDC_ROLE_MAP`: `claim value:cordon role` pairs separated by commas (a claim value
 * may be named twice to give two roles). Refuses unknown roles and machine roles at start-up, so a
 * typing mistake is found before anyone signs in.
 */
export function parseRoleMap(text: string | undefined): RoleMap {
  if (!text?.trim()) return null;
  const map = new Map<string, Role[]>();
  for (const pair of text.split(',').map((p) => p.trim()).filter(Boolean)) {
    const at = pair.lastIndexOf(':');
    const value = pair.slice(0, at).trim();
    const role = pair.slice(at + 1).trim();
    if (at <= 0 || !value || !role) throw new Error(`CORDON_OIDC_ROLE_MAP: "${pair}" should be "claim value:cordon role", e.g. "bf-caseworkers:caseworker-ao"`);
    if (!isRole(role)) throw new Error(`CORDON_OIDC_ROLE_MAP: "${role}" is not a Cordon role (the roles are ${ROLE_IDS.join(', ')})`);
    if (MACHINE_ROLES.includes(role)) throw new Error(`CORDON_OIDC_ROLE_MAP: "${role}" is a role for machines; a person cannot be given it through single sign-on`);
    map.set(value, [...new Set([...(map.get(value) ?? []), role])]);
  }
  return map;
}

/** The claim's value: by its exact name first (names may hold dots or be URLs), then as a dotted path. */
function claimAt(claims: Record<string, unknown>, name: string): unknown {
  if (name in claims) return claims[name];
  return name.split('.').reduce<unknown>((value, key) => (value && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined), claims);
}

/**
 * The Cordon roles the person's claims give them: each value of the roles claim (a list, or one
 * string of values separated by spaces or commas) through the role map, or — with no map — each
 * value that is a Cordon role identifier. Machine roles never.
 */
export function rolesFromClaims(claims: Record<string, unknown>, rolesClaim: string, map: RoleMap): Role[] {
  const value = claimAt(claims, rolesClaim);
  const values = Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : typeof value === 'string' ? value.split(/[\s,]+/) : [];
  const roles = values.flatMap((v): readonly Role[] => (map ? (map.get(v) ?? []) : isRole(v) ? [v] : []));
  return [...new Set(roles)].filter((role) => !MACHINE_ROLES.includes(role)).sort();
}

/** What Cordon keeps between sending the person to the provider and their return (in a signed cookie). */
export interface PendingSignIn {
  codeVerifier: string;
  state: string;
  nonce: string;
  redirectUri: string;
  returnTo: string | null;
}

function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; cause?: { code?: string } } | null;
  return (e?.cause?.code ?? e?.code) === '23505';
}

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

export type SingleSignOnOutcome =
  | { ok: true; sessionToken: string; actor: Actor }
  | { ok: false; reason: 'no-role' | 'disabled' };

/** The person as the provider describes them. */
export interface ProvidedPerson {
  issuer: string;
  subject: string;
  displayName: string;
  preferredUsername: string;
  roles: Role[];
}

export function singleSignOn(db: Db, settings: OidcConfig, options: { sessionHours: number }) {
  const roleMap = parseRoleMap(settings.roleMap);
  const issuerUrl = new URL(settings.issuer);
  // openid-client speaks only https to a provider; plain http is allowed to a provider on this machine (tests, a developer's own).
  const insecure = issuerUrl.protocol === 'http:';
  if (insecure && !LOOPBACK.has(issuerUrl.hostname)) {
    throw new Error('CORDON_OIDC_ISSUER must be an https URL (plain http is allowed only for a provider on this machine: localhost or 127.0.0.1)');
  }
  let discovered: Promise<client.Configuration> | null = null;
  /** The provider's configuration, found once; a provider that could not be reached is asked again next time. */
  const configuration = () => {
    discovered ??= client
      .discovery(
        issuerUrl,
        settings.clientId,
        undefined,
        settings.clientSecret ? client.ClientSecretBasic(settings.clientSecret) : client.None(),
        { execute: insecure ? [client.allowInsecureRequests] : [], timeout: 10 },
      )
      .catch((error: unknown) => {
        discovered = null;
        throw error;
      });
    return discovered;
  };

  async function findUser(issuer: string, subject: string) {
    const [row] = await db
      .select({ id: users.id, displayName: users.displayName, roles: users.roles, disabled: users.disabled })
      .from(singleSignOnIdentities)
      .innerJoin(users, eq(users.id, singleSignOnIdentities.userId))
      .where(and(eq(singleSignOnIdentities.issuer, issuer), eq(singleSignOnIdentities.subject, subject)));
    return row ?? null;
  }

  async function startSession(userId: string, now: Date): Promise<string> {
    const sessionToken = newSecret();
    await db.delete(sessions).where(lt(sessions.expiresAt, now));
    await db.insert(sessions).values({ tokenHash: hashSecret(sessionToken), userId, createdAt: now, expiresAt: new Date(now.getTime() + options.sessionHours * 3_600_000) });
    return sessionToken;
  }

  return {
    providerName: settings.providerName,

    /** Where to send the person, and what to keep until they come back. */
    async start(redirectUri: string, returnTo: string | null): Promise<{ url: URL; pending: PendingSignIn }> {
      const config = await configuration();
      const codeVerifier = client.randomPKCECodeVerifier();
      const pending: PendingSignIn = { codeVerifier, state: client.randomState(), nonce: client.randomNonce(), redirectUri: settings.redirectUrl ?? redirectUri, returnTo };
      const url = client.buildAuthorizationUrl(config, {
        redirect_uri: pending.redirectUri,
        scope: settings.scopes,
        response_type: 'code',
        code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
        code_challenge_method: 'S256',
        state: pending.state,
        nonce: pending.nonce,
      });
      return { url, pending };
    },

    /**
     * The person back from the provider: the code exchanged (state, nonce and PKCE checked by
     * openid-client), the ID token's claims with the UserInfo endpoint's (where roles often are).
     */
    async finish(query: string, pending: PendingSignIn): Promise<ProvidedPerson> {
      const config = await configuration();
      const callback = new URL(pending.redirectUri);
      callback.search = query;
      const tokens = await client.authorizationCodeGrant(
        config,
        callback,
        { pkceCodeVerifier: pending.codeVerifier, expectedState: pending.state, expectedNonce: pending.nonce, idTokenExpected: true },
        { redirect_uri: pending.redirectUri },
      );
      const idClaims = tokens.claims()!;
      const userInfo = config.serverMetadata().userinfo_endpoint && tokens.access_token ? await client.fetchUserInfo(config, tokens.access_token, idClaims.sub) : {};
      const claims = { ...userInfo, ...idClaims } as Record<string, unknown>;
      const text = (name: string) => (typeof claims[name] === 'string' && (claims[name] as string).trim() ? (claims[name] as string).trim() : undefined);
      const fullName = [text('given_name'), text('family_name')].filter(Boolean).join(' ');
      return {
        issuer: idClaims.iss,
        subject: idClaims.sub,
        displayName: (text('name') ?? (fullName || undefined) ?? text('preferred_username') ?? text('email') ?? 'Single sign-on user').slice(0, 200),
        preferredUsername: text('preferred_username') ?? text('email')?.split('@')[0] ?? 'sso-user',
        roles: rolesFromClaims(claims, settings.rolesClaim, roleMap),
      };
    },

    /**
     * Finds or adds the person's user record, brings its roles into line with the claim (an event
     * when they change), and starts a session — unless the claim gives them no role, or an
     * administrator has switched their account off.
     */
    async signIn(person: ProvidedPerson, now = new Date()): Promise<SingleSignOnOutcome> {
      let user = await findUser(person.issuer, person.subject);
      if (!user) {
        if (person.roles.length === 0) return { ok: false, reason: 'no-role' };
        let added;
        for (let attempt = 1; ; attempt += 1) {
          try {
            added = await executeCommand(db, addSingleSignOnUser, person, { actor: SINGLE_SIGN_ON_ACTOR, now });
            break;
          } catch (error) {
            // Another person's first sign-in took the same username a moment ago: choose again.
            if (attempt >= 3 || !isUniqueViolation(error)) throw error;
          }
        }
        // Not added (a conflict, or "already added") is the same person's other first sign-in a moment earlier: theirs added the record.
        user = await findUser(person.issuer, person.subject);
        if (!user) throw new Error(`Could not add the single sign-on user: ${added.ok ? 'not found after adding' : added.message}`);
      }
      if (user.disabled) return { ok: false, reason: 'disabled' };
      if ([...user.roles].sort().join('\n') !== person.roles.join('\n')) {
        const changed = await executeCommand(db, changeSingleSignOnRoles, { userId: user.id, roles: person.roles }, { actor: SINGLE_SIGN_ON_ACTOR, now });
        if (!changed.ok && changed.kind !== 'refused' && changed.kind !== 'conflict') throw new Error(`Could not change the single sign-on user’s roles: ${changed.message}`);
      }
      if (person.roles.length === 0) return { ok: false, reason: 'no-role' };
      return { ok: true, sessionToken: await startSession(user.id, now), actor: { id: user.id, name: user.displayName, roles: person.roles } };
    },
  };
}

export type SingleSignOn = ReturnType<typeof singleSignOn>;
