import type { FieldError } from './command.js';

/*
 * Input can carry what no person typed and the database cannot store: a NUL byte (PostgreSQL text
 * and jsonb refuse it), other control characters, half of a UTF-16 surrogate pair, numbers past
 * the last exact integer. They are refused as field errors before anything is validated further, so
 * bad input is a 4xx and never a 500, at three doors: `executeCommand` walks every command's input
 * (a form's or an API body's, a CLI's) and answers `invalid` with the field named; the API routes
 * walk a parsed JSON body (422 with field errors); the HTTP server walks the query string and the
 * path's parameters (400: `UnreadableInputError`).
 */

const CONTROL_CHARACTER = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export const CONTROL_CHARACTER_MESSAGE = 'Remove the control character (such as a NUL byte): only printable text, tabs and line breaks can be kept';
export const LONE_SURROGATE_MESSAGE = 'Send this text as valid Unicode: it contains half of a character (an unpaired surrogate)';
export const NUMBER_TOO_LARGE_MESSAGE = 'This number is too large';

/** Why a piece of text cannot be kept, or null when it can. */
export function textProblem(value: string): string | null {
  if (CONTROL_CHARACTER.test(value)) return CONTROL_CHARACTER_MESSAGE;
  if (LONE_SURROGATE.test(value)) return LONE_SURROGATE_MESSAGE;
  return null;
}

const MAX_DEPTH = 20;

/**
 * Every string (and object key) that cannot be kept and every number past ±2^53, as field errors
 * named by their path (`schedule.0.amountPence`). Empty when the body can go on to its schema.
 */
export function unreadableJson(value: unknown, path: readonly (string | number)[] = []): FieldError[] {
  const field = path.length ? path.map(String).join('.') : '(body)';
  if (typeof value === 'string') {
    const problem = textProblem(value);
    return problem ? [{ field, message: problem }] : [];
  }
  if (typeof value === 'number') {
    return Number.isFinite(value) && Math.abs(value) <= Number.MAX_SAFE_INTEGER ? [] : [{ field, message: NUMBER_TOO_LARGE_MESSAGE }];
  }
  if (value === null || typeof value !== 'object' || value instanceof Date || ArrayBuffer.isView(value) || value instanceof ArrayBuffer) return [];
  if (path.length >= MAX_DEPTH) return [{ field, message: 'This is nested too deeply' }];
  if (Array.isArray(value)) return value.flatMap((item, index) => unreadableJson(item, [...path, index]));
  return Object.entries(value).flatMap(([key, item]) => {
    const problem = textProblem(key);
    return problem ? [{ field: [...path, key].map(String).join('.'), message: problem }] : unreadableJson(item, [...path, key]);
  });
}

/**
 * Input outside a command (a query string, a path parameter) that cannot be kept: the HTTP server
 * answers it with 400 (a problem document on the API, the bad-request page on the web).
 */
export class UnreadableInputError extends Error {
  readonly statusCode = 400;
  readonly code = 'CORDON_UNREADABLE_INPUT';
  constructor(readonly errors: FieldError[], message = 'Part of the address cannot be read') {
    super(message);
  }
}
