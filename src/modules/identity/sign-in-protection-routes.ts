import type { FastifyInstance } from 'fastify';
import type { IdentityService, SignInOutcome } from './service.js';
import { ADMINISTRATORS } from './roles.js';
import { formErrors } from '../../platform/http/forms.js';

/*
 * What sign-in protection says to people: the words on the sign-in page when an account must wait
 * or is locked, and the administrator's page of locked accounts with an "Unlock" button for each.
 */

const londonTime = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: 'Europe/London' });
const londonTimeWithSeconds = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23', timeZone: 'Europe/London' });
const londonDay = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/London' });

/** "18:42" (or "18:42:10" for a wait of seconds), with the day when it is not today: "00:07 on 5 December 2026". */
export function clockTime(at: Date, now: Date, options: { seconds: boolean }): string {
  const time = (options.seconds ? londonTimeWithSeconds : londonTime).format(at);
  return londonDay.format(at) === londonDay.format(now) ? time : `${time} on ${londonDay.format(at)}`;
}

/** The lock message, with its end rounded up to the minute (it is shown to the minute). */
function lockedMessage(until: Date, now: Date): string {
  const minute = new Date(Math.ceil(until.getTime() / 60_000) * 60_000);
  return `This account is locked until ${clockTime(minute, now, { seconds: false })} because of repeated failed sign-ins. An administrator can unlock it.`;
}

/** The status and the words for a sign-in that did not start a session. */
export function signInRefusal(outcome: Exclude<SignInOutcome, { ok: true }>): { status: number; message: string } {
  if (outcome.reason === 'machine-account') {
    return { status: 403, message: 'This account is for a machine, such as a number-plate reader. It cannot sign in to these pages: it uses an API token.' };
  }
  if (outcome.locked && outcome.until) return { status: 429, message: lockedMessage(outcome.until, outcome.now) };
  if (outcome.until) return { status: 429, message: `Too many wrong passwords. You can try again at ${clockTime(outcome.until, outcome.now, { seconds: true })}.` };
  return { status: 401, message: 'The username or password is not right' };
}

/** The words when one address has failed too often in the last minute. */
export function addressRefusal(until: Date, now: Date): string {
  return `Too many failed sign-ins from your network. You can try again at ${clockTime(until, now, { seconds: true })}.`;
}

export function signInProtectionRoutes(app: FastifyInstance, deps: { identity: IdentityService }) {
  const protection = deps.identity.signInProtection;
  const page = async (context: Record<string, unknown> = {}) => ({
    pageTitle: 'Locked accounts',
    accounts: await protection.lockedAccounts(),
    now: protection.now(),
    ...context,
  });

  app.get('/admin/sign-in-locks', { config: { access: { roles: ADMINISTRATORS } } }, async (_request, reply) => {
    const context = await page();
    return reply.page('identity/views/sign-in-locks.njk', { ...context, rows: rowsOf(context.accounts, context.now) });
  });

  app.post('/admin/sign-in-locks/unlock', { config: { access: { roles: ADMINISTRATORS } } }, async (request, reply) => {
    const body = (request.body ?? {}) as Record<string, unknown>;
    const outcome = await protection.unlock({ username: body.username }, { actor: request.actor! });
    if (!outcome.ok) {
      const errors =
        'errors' in outcome && outcome.errors.length
          ? outcome.errors
          : [{ field: 'username', message: outcome.kind === 'not-found' ? 'There is no account with that username' : outcome.message }];
      const context = await page();
      return reply
        .code(outcome.kind === 'not-found' ? 404 : 422)
        .page('identity/views/sign-in-locks.njk', { ...context, rows: rowsOf(context.accounts, context.now), ...formErrors(errors.map((e) => ({ ...e, field: 'username' })), { username: 'locked-accounts' }) });
    }
    const context = await page({ unlocked: outcome.value.username });
    return reply.page('identity/views/sign-in-locks.njk', { ...context, rows: rowsOf(context.accounts, context.now) });
  });
}

function rowsOf(accounts: Awaited<ReturnType<IdentityService['signInProtection']['lockedAccounts']>>, now: Date) {
  return accounts.map((account) => ({ ...account, until: clockTime(new Date(Math.ceil(account.lockedUntil.getTime() / 60_000) * 60_000), now, { seconds: false }) }));
}
