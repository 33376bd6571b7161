import fs from 'node:fs';
import { DEFAULT_POLICY_VERSIONS } from '../domain/policy/default-policy.js';
import type { PolicyVersion } from '../domain/policy/policy-parameters.js';
import { ukDate } from '../domain/reference/uk-date.js';
import { evaluateBatch, evaluateOne, type Calculator } from '../modules/calculations/evaluate.js';

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * `cordon penalty calculate` and `cordon deadlines`: JSON in (a file or standard input), JSON out.
 * One input: the result, or the reasons on standard error and exit code 2. An array: the results
 * in order, a refused element as { "error": { "reasons": [...] } }; exit code 2 if any was refused.
 */
export async function runCalculation(
  calculator: Calculator,
  options: { input?: string },
  versions: () => Promise<readonly PolicyVersion[]>,
): Promise<number> {
  let text: string;
  try {
    text = options.input ? fs.readFileSync(options.input, 'utf8') : await readAll(process.stdin);
  } catch (error) {
    process.stderr.write(`Cannot read ${options.input}: ${(error as Error).message}\n`);
    return 2;
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    process.stderr.write('The input is not valid JSON: send one JSON object, or an array of them.\n');
    return 2;
  }
  const policy = await versions();
  const today = ukDate(new Date());
  if (Array.isArray(body)) {
    const results = evaluateBatch(calculator, body, policy, today);
    process.stdout.write(`${JSON.stringify(results)}\n`);
    return results.some((r) => r !== null && typeof r === 'object' && 'error' in r) ? 2 : 0;
  }
  const answer = evaluateOne(calculator, body, policy, today);
  if (answer.ok) {
    process.stdout.write(`${JSON.stringify(answer.result, null, 2)}\n`);
    return 0;
  }
  process.stdout.write(`${JSON.stringify({ error: { reasons: answer.reasons } }, null, 2)}\n`);
  for (const reason of answer.reasons) process.stderr.write(`${reason}\n`);
  return 2;
}

export const shippedPolicyVersions = async () => DEFAULT_POLICY_VERSIONS;
