import type { FastifyReply } from 'fastify';
import { definePlugin } from '../plugin.js';

/**
 * The dashboard loads only its own files: no inline script or style, no third-party origin,
 * no framing. A reflected or stored string (a log line is attacker-written) cannot run.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "font-src 'self'",
  "frame-ancestors 'none'",
  "form-action 'self'",
  "object-src 'none'",
  "base-uri 'none'",
].join('; ');

const HEADERS: Record<string, string> = {
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'permissions-policy': 'camera=(), microphone=(), geolocation=(), payment=()',
};

/**
 * Security headers on every response. Nothing but the dashboard's own files may be cached:
 * answers hold evidence, and refusals must not be replayed from a cache. Decided by the route
 * (its access, see plugins/auth.ts), not by the URL, which can be spelled many ways.
 */
export const securityHeadersPlugin = definePlugin('vigie-security-headers', [], true, async (app) => {
  app.addHook('onSend', async (request, reply, payload) => {
    securityHeaders(reply, request.routeOptions.config?.access === 'files' && reply.statusCode < 400);
    return payload;
  });
});

/**
 * Set the security headers on `reply`, and `cache-control: no-store` unless it is `cacheable`.
 * For the answers Fastify sends before any hook runs (a URL it cannot decode).
 */
export function securityHeaders(reply: FastifyReply, cacheable: boolean): void {
  for (const [name, value] of Object.entries(HEADERS)) reply.header(name, value);
  if (!cacheable) reply.header('cache-control', 'no-store');
}
