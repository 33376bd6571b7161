import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Access } from './access.js';
import type { MultipartLimits } from '../files/multipart.js';
import { problemSchema, sendProblem } from './problem.js';
import { zodFieldErrors } from '../events/command.js';
import { unreadableJson } from '../events/readable-input.js';

/**
 * JSON API routes are declared once, with the zod schemas that validate them; the same declarations
 * produce the OpenAPI document, so the two cannot drift apart.
 */
export interface ApiRoute<B> {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Fastify path, e.g. `/api/v1/cases/:reference`. */
  path: string;
  summary: string;
  description?: string;
  tag: string;
  access: Access;
  body?: z.ZodType<B>;
  /**
   * A file upload instead of a JSON body: `multipart/form-data` with the file in `field`, read
   * within `limits` (the handler calls `readMultipartForm`); anything else is answered 415.
   */
  upload?: { field: string; limits: MultipartLimits; description: string };
  /**
   * False when the handler validates the body itself (for example to answer a batch element by
   * element); the schema then only documents the body.
   */
  validateBody?: boolean;
  /** A larger request size than the server's default of 1 MB, for bulk endpoints. */
  bodyLimit?: number;
  /**
   * Requests allowed per client address in the window (a public endpoint: @fastify/rate-limit, 429
   * past it); `allowList` exempts some requests (e.g. those with an API token: the actor is known by then).
   */
  rateLimit?: { max: number; timeWindow: number; allowList?: (request: FastifyRequest, key: string) => boolean };
  /**
   * Why this write needs no Idempotency-Key: it changes nothing (a calculation, a search sent as a
   * POST), or doing it twice is doing it once. Without it, every POST, PUT, PATCH and DELETE requires
   * an Idempotency-Key (400 naming the header when missing or malformed); the handler reads it,
   * scoped to the client, with `clientKey(request)`.
   */
  idempotentBecause?: string;
  headers?: { name: string; description: string; required?: boolean }[];
  query?: { name: string; description: string; required?: boolean; schema?: Record<string, unknown> }[];
  responses: Record<number, { description: string; schema?: z.ZodType }>;
  handler(request: FastifyRequest, reply: FastifyReply, body: B): Promise<unknown>;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** The request's Idempotency-Key, checked by `apiRoute` on every write that needs one. */
    idempotencyKey: string | null;
  }
}

export const IDEMPOTENCY_HEADER = 'Idempotency-Key';
const IDEMPOTENCY_KEY = /^[\w.:-]{1,200}$/;
const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

const idempotencyHeaderDoc = {
  name: IDEMPOTENCY_HEADER,
  description:
    'Required: a unique key per request (for example a UUID); 1–200 letters, digits, dots, colons, dashes or underscores. Keys are your own: the same key with the same body answers the first answer again; with another body, 409. Another client’s key is never confused with yours.',
  required: true,
};

/** Whether a route's requests must carry an Idempotency-Key. */
export function needsIdempotencyKey(route: Pick<ApiRoute<unknown>, 'method' | 'idempotentBecause'>): boolean {
  return WRITES.has(route.method) && !route.idempotentBecause;
}

/**
 * The request's Idempotency-Key as a command takes it: scoped to the client who sent it (the actor's
 * id: a user, or an API token), so one client's key never answers another client's request.
 */
export function clientKey(request: FastifyRequest): { idempotencyKey: string; idempotencyScope: string } {
  if (!request.idempotencyKey) throw new Error(`${request.method} ${request.url}: no Idempotency-Key was checked for this route`);
  return { idempotencyKey: request.idempotencyKey, idempotencyScope: request.actor?.id ?? 'anonymous' };
}

// Keyed by method and path: building the app twice in one process (tests) declares each route once.
const registered = new Map<string, ApiRoute<unknown>>();

export function apiRoute<B>(app: FastifyInstance, route: ApiRoute<B>): void {
  const keyed = needsIdempotencyKey(route as ApiRoute<unknown>);
  if (keyed) {
    route = { ...route, headers: [idempotencyHeaderDoc, ...(route.headers ?? []).filter((h) => h.name.toLowerCase() !== IDEMPOTENCY_HEADER.toLowerCase())] };
  }
  registered.set(`${route.method} ${route.path}`, route as ApiRoute<unknown>);
  app.route({
    method: route.method,
    url: route.path,
    config: { access: route.access, ...(route.rateLimit ? { rateLimit: route.rateLimit } : {}), ...(route.upload ? { multipart: route.upload.limits } : {}) },
    // JSON renders no script or style: the same security headers, without minting CSP nonces for each answer.
    helmet: { enableCSPNonces: false },
    ...(route.bodyLimit ? { bodyLimit: route.bodyLimit } : {}),
    handler: async (request, reply) => {
      if (keyed) {
        const key = request.headers['idempotency-key'];
        if (key === undefined || key === '') {
          return sendProblem(reply, {
            status: 400,
            title: 'Idempotency-Key required',
            detail: 'Send an Idempotency-Key header, unique to this request, so a repeated request cannot be done twice.',
            errors: [{ field: IDEMPOTENCY_HEADER, message: 'Send a unique key per request (for example a UUID)' }],
          });
        }
        if (typeof key !== 'string' || !IDEMPOTENCY_KEY.test(key)) {
          return sendProblem(reply, {
            status: 400,
            title: 'Invalid Idempotency-Key',
            detail: 'Idempotency-Key must be 1 to 200 letters, digits, dots, colons, dashes or underscores.',
            errors: [{ field: IDEMPOTENCY_HEADER, message: 'Use 1 to 200 letters, digits, dots, colons, dashes or underscores' }],
          });
        }
        request.idempotencyKey = key;
      }
      let body = undefined as B;
      if (route.upload && !request.isMultipart()) {
        const contentType = String(request.headers['content-type'] ?? '');
        return sendProblem(reply, {
          status: 415,
          title: 'Send the file as multipart/form-data',
          detail: `This endpoint takes multipart/form-data with the file in the "${route.upload.field}" part, not ${contentType || 'a body with no Content-Type'}.`,
          errors: [{ field: 'Content-Type', message: 'Set Content-Type to multipart/form-data' }],
        });
      }
      if (route.body) {
        const contentType = String(request.headers['content-type'] ?? '');
        if (!/^application\/(.+\+)?json\b/i.test(contentType)) {
          return sendProblem(reply, {
            status: 400,
            title: 'Send JSON',
            detail: `This endpoint accepts application/json, not ${contentType || 'a body with no Content-Type'}.`,
            errors: [{ field: 'Content-Type', message: 'Set Content-Type to application/json' }],
          });
        }
        // Text the database cannot keep is refused before any schema sees it, on every route.
        const unreadable = unreadableJson(request.body);
        if (unreadable.length) {
          return sendProblem(reply, {
            status: 422,
            title: 'The request has errors',
            detail: 'Correct the fields listed in errors and send it again.',
            errors: unreadable,
          });
        }
        if (route.validateBody === false) return route.handler(request, reply, request.body as B);
        const parsed = route.body.safeParse(request.body);
        if (!parsed.success) {
          return sendProblem(reply, {
            status: 422,
            title: 'The request has errors',
            detail: 'Correct the fields listed in errors and send it again.',
            errors: zodFieldErrors(parsed.error),
          });
        }
        body = parsed.data;
      }
      return route.handler(request, reply, body);
    },
  });
}

function jsonSchema(schema: z.ZodType): Record<string, unknown> {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Record<
    string,
    unknown
  >;
  return rest;
}

export function openApiDocument(): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of registered.values()) {
    const openApiPath = route.path.replace(/:([A-Za-z]+)/g, '{$1}');
    const pathParameters = [...route.path.matchAll(/:([A-Za-z]+)/g)].map((m) => ({
      name: m[1],
      in: 'path',
      required: true,
      schema: { type: 'string' },
    }));
    const responses: Record<string, unknown> = {};
    for (const [status, response] of Object.entries(route.responses)) {
      responses[status] = {
        description: response.description,
        ...(response.schema ? { content: { 'application/json': { schema: jsonSchema(response.schema) } } } : {}),
      };
    }
    responses['400'] ??= { description: 'Malformed request', content: { 'application/problem+json': { schema: problemSchema } } };
    if (route.body) {
      responses['422'] ??= {
        description: 'The request has field errors',
        content: { 'application/problem+json': { schema: problemSchema } },
      };
    }
    if (!('public' in route.access)) {
      responses['401'] ??= { description: 'No valid API token' };
      responses['403'] ??= { description: 'The token’s role may not use this endpoint' };
    }
    (paths[openApiPath] ??= {})[route.method.toLowerCase()] = {
      summary: route.summary,
      ...(route.description ? { description: route.description } : {}),
      tags: [route.tag],
      ...('roles' in route.access ? { 'x-roles': route.access.roles } : {}),
      ...('public' in route.access ? { security: [] } : {}),
      ...(route.idempotentBecause ? { 'x-idempotent': route.idempotentBecause } : {}),
      parameters: [
        ...pathParameters,
        ...(route.headers ?? []).map((h) => ({
          name: h.name,
          in: 'header',
          required: h.required ?? false,
          description: h.description,
          schema: { type: 'string', maxLength: 200 },
        })),
        ...(route.query ?? []).map((q) => ({
          name: q.name,
          in: 'query',
          required: q.required ?? false,
          description: q.description,
          schema: q.schema ?? { type: 'string' },
        })),
      ],
      ...(route.body ? { requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(route.body) } } } } : {}),
      ...(route.upload
        ? {
            requestBody: {
              required: true,
              content: {
                'multipart/form-data': {
                  schema: { type: 'object', required: [route.upload.field], properties: { [route.upload.field]: { type: 'string', format: 'binary', description: route.upload.description } } },
                },
              },
            },
          }
        : {}),
      responses,
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Cordon API',
      version: '1',
      description:
        'The clandestine entrant civil penalty scheme: referrals, cases and the checks that rest on them. Errors are RFC 9457 problem documents with per-field errors.',
    },
    servers: [{ url: '/' }],
    components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
    security: [{ bearer: [] }],
    paths,
  };
}
