import { randomUUID } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { apiError, ApiError } from '../errors/catalogue.js';
import { failure } from '../gateway/respond.js';
import { PRODUCTS } from '../services/catalogue.js';
import type { RequestInfo } from '../services/action.js';

/** Request and reply plumbing of the console API: request info, JSON bodies, cookies, error answers. */

export function isSecure(request: FastifyRequest): boolean {
  return 'encrypted' in request.raw.socket && Boolean(request.raw.socket.encrypted);
}

export function requestInfo(request: FastifyRequest, now: number): RequestInfo {
  const address = request.raw.socket.remoteAddress ?? '';
  const userAgent = request.headers['user-agent'];
  return {
    requestId: randomUUID().toUpperCase(),
    sourceIp: address.startsWith('::ffff:') ? address.slice(7) : address,
    secure: isSecure(request),
    userAgent: typeof userAgent === 'string' ? userAgent : '',
    now,
  };
}

/**
 * The JSON object in the body. Only application/json is accepted: a cross-site HTML form cannot send
 * it without a CORS preflight, which is what protects the logon calls that have no session (and so no
 * CSRF token) yet.
 */
export function jsonBody(request: FastifyRequest): Record<string, unknown> {
  const type = request.headers['content-type'] ?? '';
  if (!type.toLowerCase().startsWith('application/json')) throw apiError('Console.JsonRequired');
  const raw = Buffer.isBuffer(request.body) ? request.body.toString('utf8') : '';
  let parsed: unknown;
  try {
    parsed = raw === '' ? {} : JSON.parse(raw);
  } catch {
    throw apiError('Console.BadRequest', 'the body is not valid JSON');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw apiError('Console.BadRequest', 'the body must be a JSON object');
  return parsed as Record<string, unknown>;
}

export function stringField(body: Record<string, unknown>, name: string): string {
  const value = body[name];
  if (typeof value !== 'string' || value === '') throw apiError('Console.BadRequest', `"${name}" is required`);
  return value;
}

export function readCookie(request: FastifyRequest, name: string): string | undefined {
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return decodeURIComponent(part.slice(eq + 1).trim());
  }
  return undefined;
}

export interface CookieOptions {
  maxAgeSeconds: number;
  httpOnly: boolean;
  secure: boolean;
}

export function cookieHeader(name: string, value: string, options: CookieOptions): string {
  const attributes = [`${name}=${encodeURIComponent(value)}`, 'Path=/console', `Max-Age=${Math.max(0, Math.floor(options.maxAgeSeconds))}`, 'SameSite=Strict'];
  if (options.httpOnly) attributes.push('HttpOnly');
  if (options.secure) attributes.push('Secure');
  return attributes.join('; ');
}

/** Alibaba's error envelope, so the SPA reads console errors and action errors the same way. */
export function sendError(reply: FastifyReply, err: unknown, requestId: string, version?: string): FastifyReply {
  const apiErr = err instanceof ApiError ? err : apiError('InternalError');
  const product = (version && PRODUCTS[version]) || { product: 'Ram', hostId: 'ram.aliyuncs.com' };
  const answer = failure('JSON', apiErr, requestId, product.hostId, product.product);
  return reply.code(answer.status).header('content-type', answer.contentType).header('x-acs-request-id', requestId).send(answer.body);
}
