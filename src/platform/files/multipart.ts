import fastifyMultipart from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { FieldError } from '../events/command.js';
import { decideAccess } from '../http/access.js';
import { DEFAULT_MAX_FILE_BYTES, uploadMessages } from './messages.js';

export interface MultipartLimits {
  /** Files with content a form may carry (empty file inputs are not counted). */
  maxFiles: number;
  /** Largest single file, in bytes. */
  maxFileBytes: number;
  /** Largest single text answer, in bytes. */
  maxFieldBytes?: number;
  /** Text answers a form may carry. */
  maxFields?: number;
}

export interface UploadedFile {
  fieldName: string;
  /** As the browser sent it; check it with `storeEvidence`, never trust it. */
  filename: string;
  /** As the browser sent it, which usually follows the file name; `storeEvidence` reads the bytes instead. */
  mimetype: string;
  bytes: Buffer;
}

export type MultipartForm =
  | { ok: true; fields: Record<string, string | string[]>; files: UploadedFile[] }
  /** `fields` holds the answers read before the problem, to show the form again with them filled in. */
  | { ok: false; errors: FieldError[]; fields: Record<string, string | string[]> };

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * Declares that a route takes a multipart form (a file upload) and its limits. Such a form is read
     * before the CSRF check, which needs its `_csrf` field; the handler then calls `readMultipartForm`.
     */
    multipart?: MultipartLimits;
  }
}

const DEFAULTS = { maxFiles: 10, maxFileBytes: DEFAULT_MAX_FILE_BYTES, maxFieldBytes: 100 * 1024, maxFields: 200 };

/** Empty file inputs arrive as file parts too; busboy counts them, so it is allowed this many spare. */
const EMPTY_INPUT_ALLOWANCE = 20;

/**
 * Lets routes take `multipart/form-data`. Call once, before the routes are registered. A route opts
 * in with `config: { multipart: { maxFiles, maxFileBytes } }`; its form is then read in
 * `preValidation`, before the CSRF check in `preHandler` (which looks for `_csrf` in the body), and
 * only when the request's access is allowed, so nobody can make the server hold an upload for a route
 * they may not use. Other routes get the parser but nothing is read unless they ask. Calling it
 * again on the same app does nothing.
 */
export async function registerMultipart(app: FastifyInstance, defaults: Partial<MultipartLimits> = {}): Promise<void> {
  if (app.hasRequestDecorator('parts')) return;
  const limits = { ...DEFAULTS, ...defaults };
  await app.register(fastifyMultipart, {
    throwFileSizeLimit: false,
    limits: {
      fileSize: limits.maxFileBytes,
      files: limits.maxFiles + EMPTY_INPUT_ALLOWANCE,
      fieldSize: limits.maxFieldBytes,
      fields: limits.maxFields,
      fieldNameSize: 200,
      parts: limits.maxFiles + EMPTY_INPUT_ALLOWANCE + limits.maxFields,
      headerPairs: 100,
    },
  });
  app.addHook('preValidation', async (request) => {
    const routeLimits = request.routeOptions.config?.multipart;
    if (!routeLimits || !request.isMultipart() || decideAccess(request) !== 'allow') return;
    const form = await readMultipartForm(request, routeLimits);
    request.body = form.fields;
  });
}

const formsRead = new WeakMap<FastifyRequest, Promise<MultipartForm>>();

/**
 * The text answers and files of a multipart form, or the problems with it as GOV.UK field errors: a
 * file over the size limit, too many files, an answer too long, a form cut off in transit. Files are
 * read into memory, so the limits bound what one request can cost. A form is read once per request;
 * asking again (as the handler does after the pre-read) answers the same, checked against the limits
 * given this time as well.
 */
export function readMultipartForm(request: FastifyRequest, limits: MultipartLimits): Promise<MultipartForm> {
  const wanted = { ...DEFAULTS, ...limits };
  let reading = formsRead.get(request);
  if (!reading) {
    reading = readParts(request, wanted);
    formsRead.set(request, reading);
  }
  return reading.then((form) => withinLimits(form, wanted));
}

async function readParts(request: FastifyRequest, limits: Required<MultipartLimits>): Promise<MultipartForm> {
  if (typeof request.isMultipart !== 'function') {
    throw new Error('readMultipartForm needs registerMultipart(app) to have been called');
  }
  const fields: Record<string, string | string[]> = {};
  if (!request.isMultipart()) return { ok: false, errors: [{ field: 'file', message: uploadMessages.notUploaded }], fields };

  const files: UploadedFile[] = [];
  const errors: FieldError[] = [];
  let fileField = 'file';
  try {
    const parts = request.parts({
      limits: {
        fileSize: limits.maxFileBytes,
        files: limits.maxFiles + EMPTY_INPUT_ALLOWANCE,
        fieldSize: limits.maxFieldBytes,
        fields: limits.maxFields,
        parts: limits.maxFiles + EMPTY_INPUT_ALLOWANCE + limits.maxFields,
      },
    });
    for await (const part of parts) {
      if (part.type === 'field') {
        if (part.valueTruncated) errors.push({ field: part.fieldname, message: uploadMessages.answerTooLong(limits.maxFieldBytes) });
        addField(fields, part.fieldname, typeof part.value === 'string' ? part.value : JSON.stringify(part.value));
        continue;
      }
      fileField = part.fieldname;
      const chunks: Buffer[] = [];
      for await (const chunk of part.file) chunks.push(chunk as Buffer);
      if (part.file.truncated) {
        errors.push({ field: part.fieldname, message: uploadMessages.tooLarge(limits.maxFileBytes) });
        continue;
      }
      const bytes = Buffer.concat(chunks);
      // A file input left empty still sends a part, with no name and no bytes.
      if (!part.filename && bytes.length === 0) continue;
      files.push({ fieldName: part.fieldname, filename: part.filename, mimetype: part.mimetype, bytes });
      if (files.length > limits.maxFiles) {
        errors.push({ field: part.fieldname, message: uploadMessages.tooMany(limits.maxFiles) });
        discardRest(request);
        break;
      }
    }
  } catch (error) {
    errors.push(errorFor(error, fileField, limits));
    discardRest(request);
  }
  return errors.length > 0 ? { ok: false, errors, fields } : { ok: true, fields, files };
}

function withinLimits(form: MultipartForm, limits: Required<MultipartLimits>): MultipartForm {
  if (!form.ok) return form;
  const errors: FieldError[] = [];
  for (const file of form.files) {
    if (file.bytes.length > limits.maxFileBytes) errors.push({ field: file.fieldName, message: uploadMessages.tooLarge(limits.maxFileBytes) });
  }
  if (form.files.length > limits.maxFiles) {
    errors.push({ field: form.files[limits.maxFiles]!.fieldName, message: uploadMessages.tooMany(limits.maxFiles) });
  }
  return errors.length > 0 ? { ok: false, errors, fields: form.fields } : form;
}

function addField(fields: Record<string, string | string[]>, name: string, value: string): void {
  const existing = fields[name];
  if (existing === undefined) fields[name] = value;
  else if (Array.isArray(existing)) existing.push(value);
  else fields[name] = [existing, value];
}

function errorFor(error: unknown, fileField: string, limits: Required<MultipartLimits>): FieldError {
  switch ((error as { code?: string }).code) {
    case 'FST_FILES_LIMIT':
      return { field: fileField, message: uploadMessages.tooMany(limits.maxFiles) };
    case 'FST_PARTS_LIMIT':
    case 'FST_FIELDS_LIMIT':
      return { field: fileField, message: uploadMessages.tooManyFields };
    default:
      // A form cut off in transit, a malformed body, a field named like a JavaScript built-in.
      return { field: fileField, message: uploadMessages.notUploaded };
  }
}

/** Once the form is refused, the rest of the request is let through unparsed so the answer can go out. */
function discardRest(request: FastifyRequest): void {
  request.raw.unpipe();
  request.raw.resume();
}
