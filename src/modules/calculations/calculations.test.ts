import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi, inject } from 'vitest';
import { bearer, createTestApp, WebClient, type TestApp } from '../../../test/support/app.js';
import { POLICY_2023_1 } from '../../domain/policy/default-policy.js';
import { ukDate } from '../../domain/reference/uk-date.js';
import { runCalculation, shippedPolicyVersions } from '../../cli/calculations.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

const example8 = { offence: 'S32', incidentDate: '2025-06-01', role: 'owner', clandestineEntrants: 8, compliedWithRegulations: false, means: { kind: 'company', band: 'medium' } };
const example1 = { offence: 'S31A', incidentDate: '2025-03-10', role: 'driver' };
const refused = { offence: 'S31A', incidentDate: '2023-02-10', role: 'driver' };
const malformed = { offence: 'S33', incidentDate: 'yesterday', role: 'captain' };

function api(url: string, body: unknown, role = 'caseworker-eo') {
  return t.app.inject({ method: 'POST', url, headers: { 'content-type': 'application/json', ...bearer(role) }, payload: JSON.stringify(body) });
}

function cli(args: string[], stdin: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const env = { ...process.env };
    delete env.DATABASE_URL;
    const child = spawn(process.execPath, [inject('cordonCommand'), ...args], { env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(stdin);
  });
}

describe('POST /api/v1/penalty-calculations', () => {
  it('calculates worked example 8 (S32 owner, 8 entrants, medium company) as £36,000 with its steps', async () => {
    const response = await api('/api/v1/penalty-calculations', example8);
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body).toMatchObject({ amountPence: 3_600_000, amountPounds: 36_000, regime: '2023', policyVersion: '2023.1', startingLevelPence: 4_800_000 });
    expect(body.steps.length).toBeGreaterThanOrEqual(2);
    expect(body.steps[body.steps.length - 1].amountPence).toBe(3_600_000);
  });

  it('refuses what cannot be calculated with 422 and reasons, and malformed input with field errors', async () => {
    const cannot = await api('/api/v1/penalty-calculations', refused);
    expect(cannot.statusCode).toBe(422);
    expect(cannot.json().reasons.join(' ')).toMatch(/13 February 2023|S31A/);
    const bad = await api('/api/v1/penalty-calculations', malformed);
    expect(bad.statusCode).toBe(422);
    expect(bad.json().errors.map((e: { field: string }) => e.field)).toEqual(expect.arrayContaining(['offence', 'incidentDate', 'role']));
  });

  it('answers an array in order, a refusal not stopping the others', async () => {
    const response = await api('/api/v1/penalty-calculations', [example1, refused, example8]);
    expect(response.statusCode).toBe(200);
    const [first, second, third] = response.json();
    expect(first.amountPounds).toBe(1_500);
    expect(second.error.reasons.length).toBeGreaterThan(0);
    expect(third.amountPounds).toBe(36_000);
  });

  it('gives the CLI and the API identical answers for the same inputs', async () => {
    const inputs = [example1, example8, refused, malformed, { ...example8, cpasMember: true, compliedWithRegulations: true, presentOnJourney: false }];
    const fromApi = (await api('/api/v1/penalty-calculations', inputs)).json();
    const fromCli = await cli(['penalty', 'calculate', '--offline'], JSON.stringify(inputs));
    expect(fromCli.code).toBe(2); // some elements were refused
    expect(JSON.parse(fromCli.stdout)).toEqual(fromApi);
    const single = await cli(['penalty', 'calculate', '--offline'], JSON.stringify(example8));
    expect(single.code).toBe(0);
    expect(JSON.parse(single.stdout)).toEqual((await api('/api/v1/penalty-calculations', example8)).json());
    const refusal = await cli(['penalty', 'calculate', '--offline'], JSON.stringify(refused));
    expect(refusal.code).toBe(2);
    expect(refusal.stderr).toMatch(/S31A/);
    const junk = await cli(['penalty', 'calculate', '--offline'], 'not json');
    expect(junk.code).toBe(2);
  });
});

describe('previousPenalties[].cancelled', () => {
  // S32 owner, one earlier S32 notice within five years: counted unless it was cancelled.
  const withPrevious = (previous: Record<string, unknown>) => ({ ...example8, previousPenalties: [{ offence: 'S32', issuedOn: '2024-05-01', ...previous }] });

  /** `cordon penalty calculate --input FILE` in this process: the same function the command runs. */
  async function cliInProcess(body: unknown): Promise<{ code: number; stdout: string }> {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'cordon-calc-')), 'input.json');
    fs.writeFileSync(file, JSON.stringify(body));
    let stdout = '';
    const write = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => ((stdout += String(chunk)), true));
    const quiet = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      const code = await runCalculation('penalty', { input: file }, shippedPolicyVersions);
      return { code, stdout };
    } finally {
      write.mockRestore();
      quiet.mockRestore();
      fs.rmSync(path.dirname(file), { recursive: true, force: true });
    }
  }

  it('takes a previous penalty that omits cancelled as not cancelled, in the API', async () => {
    const omitted = await api('/api/v1/penalty-calculations', withPrevious({}));
    expect(omitted.statusCode, omitted.body).toBe(200);
    const notCancelled = (await api('/api/v1/penalty-calculations', withPrevious({ cancelled: false }))).json();
    const cancelled = (await api('/api/v1/penalty-calculations', withPrevious({ cancelled: true }))).json();
    expect(omitted.json().amountPence).toBe(notCancelled.amountPence);
    // The earlier notice counted: a higher starting level than when it was cancelled.
    expect(omitted.json().startingLevelPence).toBeGreaterThan(cancelled.startingLevelPence);
    const wrongType = await api('/api/v1/penalty-calculations', withPrevious({ cancelled: 'no' }));
    expect(wrongType.statusCode).toBe(422);
    expect(wrongType.json().errors.map((e: { field: string }) => e.field)).toContain('previousPenalties.0.cancelled');
  });

  it('takes a previous penalty that omits cancelled as not cancelled, in cordon penalty calculate', async () => {
    const omitted = await cliInProcess(withPrevious({}));
    expect(omitted.code).toBe(0);
    const notCancelled = await cliInProcess(withPrevious({ cancelled: false }));
    const cancelled = await cliInProcess(withPrevious({ cancelled: true }));
    expect(JSON.parse(omitted.stdout)).toEqual(JSON.parse(notCancelled.stdout));
    expect(JSON.parse(omitted.stdout).startingLevelPence).toBeGreaterThan(JSON.parse(cancelled.stdout).startingLevelPence);
    const batch = await cliInProcess([withPrevious({}), withPrevious({ cancelled: true })]);
    expect(batch.code).toBe(0);
    expect(JSON.parse(batch.stdout)[0]).toEqual(JSON.parse(notCancelled.stdout));
  });
});

describe('POST /api/v1/deadlines', () => {
  it('works out the DOMAIN.md deadline example and flags a bank holiday', async () => {
    const response = await api('/api/v1/deadlines', { incidentDate: '2024-02-29' });
    expect(response.statusCode).toBe(200);
    const last = response.json().deadlines.find((d: { name: string }) => d.name === 'lastDayToImpose');
    expect(last).toMatchObject({ date: '2024-08-26', nonWorkingDay: true });
  });

  it('gives the CLI and the API identical answers, arrays in and arrays out', async () => {
    const inputs = [
      { incidentDate: '2024-09-01', initialNoticeSentOn: '2024-09-10', penaltyNoticeDate: '2024-11-01', objectionReceivedOn: '2024-11-20' },
      { incidentDate: 'not a date' },
    ];
    const fromApi = (await api('/api/v1/deadlines', inputs)).json();
    const fromCli = await cli(['deadlines', '--offline'], JSON.stringify(inputs));
    expect(JSON.parse(fromCli.stdout)).toEqual(fromApi);
    expect(fromApi[0].deadlines.map((d: { name: string }) => d.name)).toEqual(
      expect.arrayContaining(['lastDayToImpose', 'initialNoticeResponseDue', 'objectionDue', 'objectionDeterminationDue', 'paymentDue']),
    );
    // Objected and not yet decided: the appeal clock has not started.
    expect(fromApi[0].deadlines.map((d: { name: string }) => d.name)).not.toContain('appealDue');
    expect(fromApi[1].error.reasons.length).toBeGreaterThan(0);
  });
});

describe('policy versions', () => {
  it('lists the installed version and lets an administrator publish one that new incidents then use', async () => {
    const admin = await WebClient.signedIn(t.app, 'administrator');
    const page = await admin.get('/admin/policy');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Version 2023.1');

    const today = ukDate(new Date());
    const parameters = { ...POLICY_2023_1, s31a: { ...POLICY_2023_1.s31a, startingLevelsPence: [2_000_00, 3_000_00, 6_000_00] } };
    // The page asks for the date with the GOV.UK date input, filled with today.
    expect(page.body).toContain('name="effectiveFrom-day"');
    const [year, month, day] = today.split('-');
    const published = await admin.post('/admin/policy', {
      version: '2026.9',
      'effectiveFrom-day': String(Number(day)),
      'effectiveFrom-month': String(Number(month)),
      'effectiveFrom-year': year!,
      reason: 'Test of a changed S31A starting level',
      parametersJson: JSON.stringify(parameters),
    });
    expect(published.statusCode).toBe(200);
    expect(published.body).toContain('Policy version 2026.9 published');

    const now = (await api('/api/v1/penalty-calculations', { ...example1, incidentDate: today })).json();
    expect(now).toMatchObject({ policyVersion: '2026.9', amountPounds: 2_000 });
    const before = (await api('/api/v1/penalty-calculations', example1)).json();
    expect(before).toMatchObject({ policyVersion: '2023.1', amountPounds: 1_500 });
  });

  it('refuses a past effective date, a reused name, bad JSON and invalid parameters, changing nothing', async () => {
    const admin = await WebClient.signedIn(t.app, 'administrator');
    await admin.get('/admin/policy');
    const base = { version: '2027.1', effectiveFrom: '2099-01-01', reason: 'A valid reason for the change', parametersJson: JSON.stringify(POLICY_2023_1) };
    const past = await admin.post('/admin/policy', { ...base, effectiveFrom: '2020-01-01' });
    expect(past.statusCode).toBe(422);
    expect(past.body).toContain('must be today or later');
    const impossible = await admin.post('/admin/policy', { version: base.version, reason: base.reason, parametersJson: base.parametersJson, 'effectiveFrom-day': '31', 'effectiveFrom-month': '4', 'effectiveFrom-year': '2099' });
    expect(impossible.statusCode).toBe(422);
    expect(impossible.body).toContain('The date it takes effect must be a real date');
    expect(impossible.body).toContain('href="#effectiveFrom-day"');
    const reused = await admin.post('/admin/policy', { ...base, version: '2023.1' });
    expect(reused.body).toContain('already exists');
    const badJson = await admin.post('/admin/policy', { ...base, parametersJson: '{ nope' });
    expect(badJson.body).toContain('must be valid JSON');
    const invalid = await admin.post('/admin/policy', { ...base, parametersJson: JSON.stringify({ ...POLICY_2023_1, debt: { limitationYears: -1 } }) });
    expect(invalid.statusCode).toBe(422);
    expect(invalid.body).toContain('debt.limitationYears');
    const noReason = await admin.post('/admin/policy', { ...base, reason: '' });
    expect(noReason.body).toContain('Say why the policy is changing');
    const versions = await t.services.policy.listVersions();
    expect(versions.map((v) => v.version)).not.toContain('2027.1');
  });
});
