import assert from 'node:assert/strict';
import test from 'node:test';
import { LANGS, missingCodes, type Reason } from '../../core/module/index.js';
import { loadScenarios } from '../behaviour/load-scenarios.js';
import { loadRules } from '../detect/load-rules.js';
import { WEB_ATTACK_CLASSES } from '../detect/rule-schema.js';
import { SQL_SHAPE_MEANINGS } from '../detect/sqli/sqli-fingerprint.js';
import { XSS_KINDS } from '../detect/xss/html-scan.js';
import { className, WEB_TEXT, webText } from './catalogue.js';
import { SQL_SHAPE_MEANINGS_FR } from './fr.js';

/**
 * English words that never belong in a French reason. Lower-case only: SQL keywords (`UNION`,
 * `ORDER BY`, `AND/OR`) and header names (`User-Agent`) are quoted as written, in capitals.
 */
const ENGLISH = [
  'the', 'of', 'and', 'in', 'with', 'within', 'to', 'from', 'for', 'by', 'is', 'are', 'was', 'were', 'got', 'such', 'never',
  'seen', 'used', 'requests', 'request', 'paths', 'path', 'threshold', 'floor', 'peak', 'answered', 'parameter', 'query',
  'body', 'header', 'string', 'value', 'values', 'known', 'characters', 'letters', 'digits', 'spaces', 'holds', 'only', 'takes',
  'tag', 'handler', 'markup', 'sent', 'each', 'over', 'per', 'days', 'addresses', 'failed', 'sign-ins', 'usually',
  'statement', 'closes', 'adds', 'followed', 'number', 'function', 'operator', 'token', 'sequence',
  'bare', 'inside', 'quoted', 'read', 'any', 'kind', 'library', 'files', 'file', 'internal', 'flagged',
];
const ENGLISH_WORD = new RegExp(`(?<![\\p{L}\\p{N}_'’-])(?:${ENGLISH.join('|')})(?![\\p{L}\\p{N}_-])`, 'u');
/** Raw identifiers and rendering accidents: snake_case names, codes, empty placeholders, JS values. */
const RAW = /\b[a-z]+_[a-z_]+\b|\bweb\.[a-z]|\{[a-z_]+\}|\bundefined\b|\bnull\b|\bNaN\b|\[object /;

/** French text with the quoted evidence taken out: what a request held is not ours to translate. */
function ownWords(fr: string): string {
  return fr.replace(/«\u00a0[^»]*\u00a0»/g, '«»');
}

function assertFrench(reason: Reason, where: string): void {
  const fr = webText(reason, 'fr');
  const en = webText(reason, 'en');
  assert.notEqual(fr, en, `${where}: French equals English: ${fr}`);
  const own = ownWords(fr);
  assert.doesNotMatch(own, ENGLISH_WORD, `${where}: English word in French: ${fr}`);
  assert.doesNotMatch(own, RAW, `${where}: raw identifier in French: ${fr}`);
  assert.doesNotMatch(en, RAW, `${where}: raw identifier in English: ${en}`);
}

/** One realistic set of parameters per code (the loops below add every rule, shape and kind). */
const SAMPLES: Record<string, Reason['params']> = {
  'web.signature': { fragment: 'union select', location: 'query:id' },
  'web.check': { fragment: 'bytes=0-1,2-3', location: 'header:range', description: 'A Range header.', description_fr: 'Un en-tête Range.' },
  'web.sqli_tokens': { fingerprint: 's&1o1c', context: "'", shape: 'close-condition', location: 'body:json.user.name', fragment: "' or 1=1--" },
  'web.xss_context': { kind: 'event_handler', tag: 'svg', attr: 'onload', location: 'query:q', fragment: '<svg/onload=alert(1)>' },
  'web.baseline.type': { name: 'precio', type: 'numeric', share: 0.9996, observations: 4212, value: "85'; DROP TABLE" },
  'web.baseline.charset': { name: 'nombre', charset: ['lower', 'upper', 'space', '-'], observations: 500, unknown: ['<', '>', 'digit'], value: '<b1>' },
  'web.baseline.length': { name: 'cp', min: 5, max: 5, length_max: 5, observations: 1200, length: 300 },
  'web.baseline.value': { name: 'B1', values: ['Comprar', 'Pasar por caja'], count: 2, observations: 800, value: 'x' },
  'web.baseline.unknown_param': { name: 'debug', method: 'GET', path: '/tienda1/index.jsp', requests: 3000, known: ['id', 'nombre'], known_count: 2 },
  'web.baseline.unknown_endpoint': { method: 'POST', path: '/admin/upload', requests: 36000, endpoints: 120 },
  'web.baseline.method': { method: 'PUT', path: '/tienda1/index.jsp', requests: 3000, seen: ['GET', 'POST'] },
  'web.behaviour.episode': {
    variant: 'requests', group: '203.0.113.7', group_by: 'client', window_secs: 120, counts_what: 'posting to a sign-in endpoint',
    counts_what_fr: 'envoyées à une page de connexion', requests: 40, clients: 1, threshold: 10, such: 52, distinct_paths: 1,
    from: '2026-10-01 03:12:00', to: '2026-10-01 03:15:40', note: 'baseline', floor: 10, multiplier: 3, percentile: 99.5, peak: 4.5, groups: 812,
  },
  'web.site.credential_stuffing': { endpoint: '/login', failures: 5400, days: 3, from: '2026-10-01', to: '2026-10-03', per_day: 1800, baseline_per_day: 40, share: 0.94, baseline_share: 0.12 },
  'web.site.distributed_scan': { days: 2, from: '2026-10-01', to: '2026-10-02', per_day: 900, baseline_per_day: 12, max_paths: 3, paths: ['/.env', '/.git/config'] },
  'web.site.distributed_flood': { endpoint: '/search', requests: 90000, hours: 5, from: '2026-10-01 02:00', to: '2026-10-01 07:00', per_hour: 3000, baseline_per_hour: 20, share: 0.6, failures: 54000, baseline_share: 0.02 },
};

test('every web code has English and French, and every class a plain-language name in both', () => {
  assert.deepEqual(missingCodes(WEB_TEXT), []);
  for (const cls of WEB_ATTACK_CLASSES) {
    for (const lang of LANGS) assert.equal(typeof WEB_TEXT[lang][`web.class.${cls}`], 'string', `${cls} (${lang}) has no plain name`);
    assert.doesNotMatch(className(cls, 'fr'), ENGLISH_WORD, cls);
  }
  assert.equal(className('cmdi', 'en'), 'command injection');
  assert.equal(className('cmdi', 'fr'), 'injection de commandes');
});

test('every reason code renders in French without English words or raw identifiers', () => {
  const codes = Object.keys(WEB_TEXT.en).filter((c) => !c.startsWith('web.class.') && !c.startsWith('web.site.what.') && c !== 'web.site.campaign');
  for (const code of codes) {
    assert.ok(code in SAMPLES, `${code}: add sample parameters to this test`);
    assertFrench({ code, params: SAMPLES[code]! }, code);
  }
});

test('every SQL shape, XSS kind, protocol check and behaviour scenario has its French', () => {
  for (const shape of Object.keys(SQL_SHAPE_MEANINGS)) {
    assert.ok(shape in SQL_SHAPE_MEANINGS_FR, `SQL shape ${shape} has no French meaning`);
    assertFrench({ code: 'web.sqli_tokens', params: { ...SAMPLES['web.sqli_tokens'], shape } }, `shape ${shape}`);
  }
  for (const context of ['none', '"', '`']) assertFrench({ code: 'web.sqli_tokens', params: { ...SAMPLES['web.sqli_tokens'], context } }, `context ${context}`);
  for (const kind of XSS_KINDS) assertFrench({ code: 'web.xss_context', params: { ...SAMPLES['web.xss_context'], kind } }, `XSS kind ${kind}`);
  const checks = loadRules().filter((r) => r.check !== undefined);
  assert.ok(checks.length > 20, `${checks.length} check rules`);
  for (const r of checks) {
    assert.ok(r.description_fr, `${r.id}: no description_fr`);
    assertFrench({ code: 'web.check', params: { fragment: 'x', location: 'header:accept', description: r.description, description_fr: r.description_fr } }, r.id);
  }
  const scenarios = loadScenarios();
  assert.ok(scenarios.length >= 10, `${scenarios.length} scenarios`);
  for (const s of scenarios) {
    for (const variant of ['requests', 'paths', 'clients']) {
      for (const note of ['none', 'floor', 'baseline']) {
        const params = { ...SAMPLES['web.behaviour.episode'], variant, note, group_by: s.group_by, counts_what: s.counts_what, counts_what_fr: s.counts_what_fr, paths: 14, cap: 3, addresses: 6 };
        assertFrench({ code: 'web.behaviour.episode', params }, `${s.id} ${variant} ${note}`);
      }
    }
  }
});

test('baseline and behaviour reasons read in French notation', () => {
  const type = webText({ code: 'web.baseline.type', params: SAMPLES['web.baseline.type'] }, 'fr').replaceAll('\u00a0', ' ').replaceAll('\u202f', ' ');
  assert.equal(type, "le paramètre « precio » est numérique dans 99,9 % de 4 212 requêtes; reçu « 85'; DROP TABLE »");
  assert.equal(webText({ code: 'web.baseline.type', params: SAMPLES['web.baseline.type'] }, 'en'),
    "parameter `precio` is numeric in 99.9% of 4,212 requests; got `85'; DROP TABLE`");
  const episode = webText({ code: 'web.behaviour.episode', params: SAMPLES['web.behaviour.episode'] }, 'fr').replaceAll('\u00a0', ' ');
  assert.match(episode, /^40 requêtes envoyées à une page de connexion en 120 s \(seuil : 10\) = max\(plancher 10, 3 × .*; 52 requêtes de ce type vers 1 chemin distinct du 2026-10-01 03:12:00 au 2026-10-01 03:15:40 UTC$/);
});
