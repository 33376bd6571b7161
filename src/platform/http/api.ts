import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Access } from './access.js';
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
   * False when the handler validates the body itself (for example to answer a batch element by
   * element); the schema then only documents the body.
   */
  validateBody?: boolean;
  /** A larger request size than the server's default of 1 MB, for bulk endpoints. */
  bodyLimit?: number;
  headers?: { name: string; description: string; required?: boolean }[];
  query?: { name: string; description: string; required?: boolean; schema?: Record<string, unknown> }[];
  responses: Record<number, { description: string; schema?: z.ZodType }>;
  handler(request: FastifyRequest, reply: FastifyReply, body: B): Promise<unknown>;
}

// Keyed by method and path: building the app twice in one process (tests) declares each route once.
const registered = new Map<string, ApiRoute<unknown>>();

export function apiRoute<B>(app: FastifyInstance, route: ApiRoute<B>): void {
  registered.set(`${route.method} ${route.path}`, route as ApiRoute<unknown>);
  app.route({
    method: route.method,
    url: route.path,
    config: { access: route.access },
    // JSON renders no script or style: the same security headers, without minting CSP nonces for each answer.
    helmet: { enableCSPNonces: false },
    ...(route.bodyLimit ? { bodyLimit: route.bodyLimit } : {}),
    handler: async (request, reply) => {
      let body = undefined as B;
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
