import { configSchema, resolveConfig, type ConfigView } from '../core/module/index.js';
import { MODULES } from '../registry/index.js';
import { openStoreSession } from '../store/index.js';
import { addRecipient, fromBase32, solvesPow, TipsRepository } from '../tips/index.js';
import type { TestServer } from './test-server.js';

/** For tests of the tips routes: a recipient's passphrase. */
export const PASSPHRASE = 'correct horse battery staple';

/** The configuration with fast tips settings for tests (8-bit proof of work, a 1 s no-JS wait), and any overrides by dotted key. */
export function tipsConfig(overrides: Record<string, unknown> = {}): ConfigView {
  const schema = configSchema(Object.fromEntries(MODULES.filter((m) => m.config).map((m) => [m.name, m.config!])));
  return resolveConfig(schema, { flags: { 'tips.pow_bits': 8, 'tips.nojs_wait_secs': 1, ...overrides } });
}

/** Make `name` a recipient on `db` before a server opens it; returns their TOTP secret. */
export async function recipientOn(db: string, name: string): Promise<Buffer> {
  const session = await openStoreSession(db, MODULES, {});
  try {
    const { otpauth } = await addRecipient(new TipsRepository(session.database), name, PASSPHRASE);
    return fromBase32(/secret=([A-Z2-7]+)/.exec(otpauth)![1]!);
  } finally {
    await session.close();
  }
}

/** A multipart body as a browser sends it. */
export async function multipart(fields: Record<string, string>, files: Array<{ name: string; type: string; bytes: Buffer }> = []): Promise<{ payload: Buffer; headers: Record<string, string> }> {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  for (const f of files) form.append('files', new Blob([f.bytes], { type: f.type }), f.name);
  const req = new Request('http://x/', { method: 'POST', body: form });
  return { payload: Buffer.from(await req.arrayBuffer()), headers: { 'content-type': req.headers.get('content-type')! } };
}

/** The challenge of a form page. */
export const challengeOf = (html: string): string => /name="challenge" value="([^"]+)"/.exec(html)![1]!;

/** A nonce that solves a challenge (what the browser's pow.js finds). */
export function solve(challenge: string): string {
  const bits = Number(challenge.split('.')[3]);
  for (let n = 0; ; n++) if (solvesPow(challenge, String(n), bits)) return String(n);
}

/** Submit a report with a small PNG through the public form; returns its id (the newest in the inbox). */
export async function submitReport(s: TestServer, what = 'walk report'): Promise<string> {
  const form = await s.app.inject({ url: '/report?lang=en' });
  const challenge = challengeOf(form.body);
  const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(32)]);
  const { payload, headers } = await multipart({ challenge, pow: solve(challenge), what }, [{ name: 'a.png', type: 'image/png', bytes: png }]);
  const res = await s.app.inject({ method: 'POST', url: '/report?lang=en', payload, headers });
  if (res.statusCode !== 201) throw new Error(`report not taken: ${res.statusCode} ${res.body.slice(0, 200)}`);
  const inbox = (await s.app.inject({ url: '/api/tips/reports', headers: s.auth('admin') })).json() as { reports: Array<{ id: string }> };
  return inbox.reports[0]!.id;
}
