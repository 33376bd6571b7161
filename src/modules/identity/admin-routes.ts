import type { FastifyInstance, FastifyReply } from 'fastify';
import type { CommandOutcome } from '../../platform/events/command.js';
import { asArray, formErrors } from '../../platform/http/forms.js';
import { formatDate } from '../../platform/http/server.js';
import type { IdentityService } from './service.js';
import { ADMINISTRATORS, ROLES, isRole } from './roles.js';

/*
 * The administrator's pages for one account (disable, enable, change roles, reset the password) and
 * for revoking an API token. Each change is asked for on a page that shows what is being decided —
 * the person or token and their roles — and sends back the version of the record the administrator
 * was looking at; the command refuses it when someone changed the record in between.
 */

type Account = NonNullable<Awaited<ReturnType<IdentityService['user']>>>;
type Token = NonNullable<Awaited<ReturnType<IdentityService['apiToken']>>>;

const CONFLICT = 'Someone else changed this while you were looking at it. Nothing has been saved: check the details below, then try again.';
const access = { config: { access: { roles: ADMINISTRATORS } } };

const roleName = (role: string) => (isRole(role) ? ROLES[role] : role);
const versionOf = (body: Record<string, unknown>) => (typeof body.version === 'string' && /^\d+$/.test(body.version) ? Number(body.version) : undefined);

/** What each action says on its confirmation page and in the banner after it. */
const ACTIONS = {
  disable: {
    title: (a: Account) => `Disable ${a.displayName}’s account`,
    warning: 'They will be signed out at once and will not be able to sign in until the account is enabled again.',
    button: 'Disable account',
    done: 'disabled',
  },
  enable: {
    title: (a: Account) => `Enable ${a.displayName}’s account`,
    warning: 'They will be able to sign in again with their password.',
    button: 'Enable account',
    done: 'enabled',
  },
  'reset-password': {
    title: (a: Account) => `Reset ${a.displayName}’s password`,
    warning: 'They will be signed out at once. You will be shown a temporary password once: give it to them in a secure way.',
    button: 'Reset password',
    done: 'password-reset',
  },
} as const;
type Action = keyof typeof ACTIONS;

const BANNERS: Record<string, (a: Account) => string> = {
  disabled: (a) => `${a.displayName}’s account has been disabled. They have been signed out.`,
  enabled: (a) => `${a.displayName}’s account has been enabled.`,
  roles: (a) => `${a.displayName}’s roles have been changed.`,
};

function accountRows(account: Account, roles: readonly string[] = account.roles) {
  return [
    { key: { text: 'Name' }, value: { text: account.displayName } },
    { key: { text: 'Username' }, value: { text: account.username } },
    { key: { text: 'Roles' }, value: { html: roles.map((r) => escapeHtml(roleName(r))).join('<br>') } },
    { key: { text: 'Status' }, value: { text: account.disabled ? 'Disabled' : 'Active' } },
  ];
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** The refusal's words for the page: a conflict in the administrator's terms, field errors beside their fields. */
function problemsOf(outcome: CommandOutcome<unknown> & { ok: false }, field: string) {
  if (outcome.kind === 'conflict') return { status: 409, errors: [{ field, message: CONFLICT }] };
  if (outcome.kind === 'not-found') return { status: 404, errors: [{ field, message: 'The record was not found' }] };
  const errors = 'errors' in outcome && outcome.errors.length ? outcome.errors : [{ field, message: outcome.message }];
  return { status: outcome.kind === 'forbidden' ? 403 : 422, errors };
}

export function identityAdminRoutes(app: FastifyInstance, deps: { identity: IdentityService }) {
  const { identity } = deps;

  async function accountOr404(id: string, reply: FastifyReply): Promise<Account | null> {
    const account = await identity.user(id);
    if (!account) await reply.code(404).page('errors/not-found.njk', { pageTitle: 'User not found' });
    return account;
  }

  async function tokenOr404(id: string, reply: FastifyReply): Promise<Token | null> {
    const token = await identity.apiToken(id);
    if (!token) await reply.code(404).page('errors/not-found.njk', { pageTitle: 'Token not found' });
    return token;
  }

  app.get('/admin/users/:id', access, async (request, reply) => {
    const account = await accountOr404((request.params as { id: string }).id, reply);
    if (!account) return reply;
    const done = (request.query as { done?: unknown }).done;
    const banner = typeof done === 'string' ? BANNERS[done]?.(account) : undefined;
    const canChange = account.id !== request.actor!.id;
    return reply.page('identity/views/admin/user.njk', { pageTitle: account.displayName, account, rows: accountRows(account), banner, canChange, backLink: '/admin/users' });
  });

  function confirmation(reply: FastifyReply, status: number, action: Action, account: Account, version: number, errors: { field: string; message: string }[] = []) {
    const words = ACTIONS[action];
    return reply.code(status).page('identity/views/admin/confirm.njk', {
      pageTitle: words.title(account),
      heading: words.title(account),
      rows: accountRows(account),
      warning: words.warning,
      button: words.button,
      action: `/admin/users/${account.id}/${action}`,
      version,
      backLink: `/admin/users/${account.id}`,
      ...formErrors(errors),
    });
  }

  for (const action of Object.keys(ACTIONS) as Action[]) {
    app.get(`/admin/users/:id/${action}`, access, async (request, reply) => {
      const account = await accountOr404((request.params as { id: string }).id, reply);
      return account ? confirmation(reply, 200, action, account, account.version) : reply;
    });

    app.post(`/admin/users/:id/${action}`, access, async (request, reply) => {
      const account = await accountOr404((request.params as { id: string }).id, reply);
      if (!account) return reply;
      const body = (request.body ?? {}) as Record<string, unknown>;
      const context = { actor: request.actor!, expectedVersion: versionOf(body) ?? -1 };
      const input = { userId: account.id };
      const outcome =
        action === 'disable'
          ? await identity.disableUser(input, context)
          : action === 'enable'
            ? await identity.enableUser(input, context)
            : await identity.resetUserPassword(input, context);
      if (!outcome.ok) {
        const { status, errors } = problemsOf(outcome, 'confirm');
        return confirmation(reply, status, action, account, account.version, errors);
      }
      if (action === 'reset-password') {
        // The temporary password is shown on this answer only: never in a link, never kept by a browser.
        reply.header('cache-control', 'no-store');
        const password = (outcome.value as unknown as { password: string }).password;
        return reply.page('identity/views/admin/password.njk', { pageTitle: `${account.displayName}’s new password`, account, password, backLink: `/admin/users/${account.id}` });
      }
      return reply.redirect(`/admin/users/${account.id}?done=${ACTIONS[action].done}`, 303);
    });
  }

  function rolesPage(reply: FastifyReply, status: number, account: Account, checked: readonly string[], version: number, errors: { field: string; message: string }[] = [], confirming = false) {
    return reply.code(status).page('identity/views/admin/roles.njk', {
      pageTitle: confirming ? `Check ${account.displayName}’s new roles` : `Change ${account.displayName}’s roles`,
      account,
      rows: accountRows(account),
      confirming,
      newRoles: checked.map(roleName),
      checked,
      roleItems: Object.entries(ROLES).map(([value, text]) => ({ value, text: `${text} (${value})`, checked: checked.includes(value) })),
      version,
      backLink: confirming ? `/admin/users/${account.id}/roles` : `/admin/users/${account.id}`,
      ...formErrors(errors, { roles: 'roles' }),
    });
  }

  app.get('/admin/users/:id/roles', access, async (request, reply) => {
    const account = await accountOr404((request.params as { id: string }).id, reply);
    return account ? rolesPage(reply, 200, account, account.roles, account.version) : reply;
  });

  // The roles form posts here twice: first to show the change to confirm, then (`confirm=yes`) to make it.
  app.post('/admin/users/:id/roles', access, async (request, reply) => {
    const account = await accountOr404((request.params as { id: string }).id, reply);
    if (!account) return reply;
    const body = (request.body ?? {}) as Record<string, unknown>;
    const roles = asArray(body.roles);
    const version = versionOf(body) ?? -1;
    const unknown = roles.filter((role) => !isRole(role));
    if (roles.length === 0 || unknown.length) {
      return rolesPage(reply, 422, account, roles.filter(isRole), version, [{ field: 'roles', message: roles.length ? 'Choose roles from the list' : 'Choose at least one role' }]);
    }
    if (body.confirm !== 'yes') {
      const same = [...roles].sort().join() === [...account.roles].sort().join();
      if (same) return rolesPage(reply, 422, account, roles, version, [{ field: 'roles', message: 'Choose roles different from the ones the person has now' }]);
      return rolesPage(reply, 200, account, roles, version, [], true);
    }
    const outcome = await identity.changeUserRoles({ userId: account.id, roles }, { actor: request.actor!, expectedVersion: version });
    if (!outcome.ok) {
      const { status, errors } = problemsOf(outcome, 'roles');
      return rolesPage(reply, status, account, roles, account.version, errors);
    }
    return reply.redirect(`/admin/users/${account.id}?done=roles`, 303);
  });

  function tokenRows(token: Token) {
    return [
      { key: { text: 'Name' }, value: { text: token.name } },
      { key: { text: 'Role' }, value: { text: roleName(token.role) } },
      { key: { text: 'Issued' }, value: { text: formatDate(token.createdAt) } },
      { key: { text: 'Issued by' }, value: { text: token.createdBy } },
    ];
  }

  function revokePage(reply: FastifyReply, status: number, token: Token, errors: { field: string; message: string }[] = []) {
    return reply.code(status).page('identity/views/admin/confirm.njk', {
      pageTitle: `Revoke the token ‘${token.name}’`,
      heading: `Revoke the token ‘${token.name}’`,
      rows: tokenRows(token),
      warning: 'Every system using this token will be refused from now on, on every server. This cannot be undone: issue a new token if one is needed.',
      button: 'Revoke token',
      action: `/admin/tokens/${token.id}/revoke`,
      version: token.version,
      backLink: '/admin/tokens',
      ...formErrors(errors),
    });
  }

  app.get('/admin/tokens/:id/revoke', access, async (request, reply) => {
    const token = await tokenOr404((request.params as { id: string }).id, reply);
    if (!token) return reply;
    if (token.revokedAt) return revokePage(reply, 422, token, [{ field: 'confirm', message: 'This token is already revoked' }]);
    return revokePage(reply, 200, token);
  });

  app.post('/admin/tokens/:id/revoke', access, async (request, reply) => {
    const token = await tokenOr404((request.params as { id: string }).id, reply);
    if (!token) return reply;
    const body = (request.body ?? {}) as Record<string, unknown>;
    const outcome = await identity.revokeApiToken({ tokenId: token.id }, { actor: request.actor!, expectedVersion: versionOf(body) ?? -1 });
    if (!outcome.ok) {
      const { status, errors } = problemsOf(outcome, 'confirm');
      return revokePage(reply, status, token, errors);
    }
    return reply.redirect(`/admin/tokens?revoked=${token.id}`, 303);
  });
}
