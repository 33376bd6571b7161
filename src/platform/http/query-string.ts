import querystring from 'node:querystring';
import type { FastifyRequest } from 'fastify';
import type { FieldError } from '../events/command.js';
import { textProblem, UnreadableInputError } from '../events/readable-input.js';

/*
 * Query strings and path parameters are read by the server before any route: a parameter sent twice
 * where a route reads one value (`?q=a&q=b`), or text the database cannot keep (`%00`, half a
 * surrogate pair) in either, is a 400 — a problem document on the API, the bad-request page on the
 * web — and never reaches a handler.
 */

/**
 * The query parameters that are lists: sent once per value and read as arrays. Every other parameter
 * sent twice is refused. `liability`: a case step's page for several responsible people at once
 * (`/cases/:reference/actions/:type?liability=a&liability=b`).
 */
export const LIST_QUERY_PARAMETERS: ReadonlySet<string> = new Set(['liability']);

export const REPEATED_PARAMETER_MESSAGE = 'Send this parameter once';

const problems = Symbol('query string problems');

type ParsedQuery = Record<string, string | string[]> & { [problems]?: FieldError[] };

/**
 * The server's `querystringParser`: the parameters, each a string (or an array for a list
 * parameter), with what is wrong with them kept beside for `checkRequestInput` — the parser runs
 * inside the router, where an error could not be answered as a problem document.
 */
export function parseQueryString(text: string): ParsedQuery {
  const query = Object.create(null) as ParsedQuery;
  if (text.length === 0) return query;
  const found: FieldError[] = [];
  for (const [name, value] of Object.entries(querystring.parse(text))) {
    const problem = textProblem(name);
    if (problem) {
      found.push({ field: '(query)', message: problem });
      continue;
    }
    const values = Array.isArray(value) ? value : [value ?? ''];
    const unreadable = values.map(textProblem).find(Boolean);
    if (unreadable) found.push({ field: name, message: unreadable });
    else if (values.length > 1 && !LIST_QUERY_PARAMETERS.has(name)) found.push({ field: name, message: REPEATED_PARAMETER_MESSAGE });
    query[name] = LIST_QUERY_PARAMETERS.has(name) || values.length > 1 ? values : values[0]!;
  }
  if (found.length) Object.defineProperty(query, problems, { value: found, enumerable: false });
  return query;
}

/** Refuses (400) a request whose query string or path parameters cannot be read; see above. */
export function checkRequestInput(request: FastifyRequest): void {
  const fromQuery = (request.query as ParsedQuery | undefined)?.[problems] ?? [];
  const fromPath: FieldError[] = [];
  for (const [name, value] of Object.entries((request.params ?? {}) as Record<string, unknown>)) {
    const problem = typeof value === 'string' ? textProblem(value) : null;
    if (problem) fromPath.push({ field: name, message: problem });
  }
  if (fromPath.length) throw new UnreadableInputError(fromPath, 'Part of the address cannot be read');
  if (fromQuery.length) {
    const repeated = fromQuery.every((e) => e.message === REPEATED_PARAMETER_MESSAGE);
    throw new UnreadableInputError(
      fromQuery,
      repeated ? `Send each of these parameters once: ${fromQuery.map((e) => e.field).join(', ')}` : 'Part of the query string cannot be read',
    );
  }
}
