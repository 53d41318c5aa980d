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

/** Security headers on every response; API answers are never cached (they hold evidence). */
export const securityHeadersPlugin = definePlugin('vigie-security-headers', [], true, async (app) => {
  app.addHook('onSend', async (request, reply, payload) => {
    for (const [name, value] of Object.entries(HEADERS)) reply.header(name, value);
    if (request.url.startsWith('/api/') || request.url === '/metrics') reply.header('cache-control', 'no-store');
    return payload;
  });
});
