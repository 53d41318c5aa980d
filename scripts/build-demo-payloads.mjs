#!/usr/bin/env node
// Regenerates data/demo/attack-payloads.jsonl from the shared corpora, deterministically.
//
//   node scripts/build-demo-payloads.mjs [--corpora ../shared/corpora] [--out data/demo/attack-payloads.jsonl]
//
// Sources (licences allow redistribution with their notices, see data/demo/NOTICE.md):
//   - PayloadsAllTheThings (MIT): http/payload-lists/payloads.jsonl, rows whose source_repo is
//     swisskyrepo/PayloadsAllTheThings only (the log4shell rows there are GPL-3.0: never copied).
//   - OWASP CRS regression tests (Apache-2.0): http/crs-regression/crs_regression_public.jsonl,
//     request-phase GET stages expected to match, whose attack is visible in an access log
//     (in the request target or the User-Agent).
// The CSIC 2010, scanner-log and Fwaf corpora carry no licence and are never read here.
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const argValue = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] ? resolve(args[i + 1]) : fallback;
};
const corpora = argValue('--corpora', resolve(root, '..', 'shared', 'corpora'));
const out = argValue('--out', join(root, 'data', 'demo', 'attack-payloads.jsonl'));

/** Per-class caps keep the shipped file small (< 500 KB) and the classes balanced. */
const PATT_MAX_PER_CLASS = 160;
const CRS_MAX_PER_CLASS = 90;
const PATT_REPO = 'swisskyrepo/PayloadsAllTheThings';
const CRS_DEFAULT_UA = 'OWASP CRS test agent';
const CRS_CLASS = {
  'REQUEST-930-APPLICATION-ATTACK-LFI': 'lfi',
  'REQUEST-931-APPLICATION-ATTACK-RFI': 'rfi',
  'REQUEST-932-APPLICATION-ATTACK-RCE': 'cmdi',
  'REQUEST-933-APPLICATION-ATTACK-PHP': 'php',
  'REQUEST-934-APPLICATION-ATTACK-GENERIC': 'generic',
  'REQUEST-941-APPLICATION-ATTACK-XSS': 'xss',
  'REQUEST-942-APPLICATION-ATTACK-SQLI': 'sqli',
  'REQUEST-943-APPLICATION-ATTACK-SESSION-FIXATION': 'session_fixation',
  'REQUEST-944-APPLICATION-ATTACK-JAVA': 'java',
};

const readJsonl = (path) =>
  readFileSync(path, 'utf8').split('\n').filter((l) => l.trim() !== '').map((l) => JSON.parse(l));

/** Evenly spaced sample, stable for a given input order. */
function spread(rows, max) {
  if (rows.length <= max) return rows;
  const step = rows.length / max;
  return Array.from({ length: max }, (_, i) => rows[Math.floor(i * step)]);
}

function groupBy(rows, key) {
  const groups = new Map();
  for (const row of rows) {
    const k = key(row);
    if (!groups.has(k)) groups.set(k, []);
    groups.get(k).push(row);
  }
  return [...groups.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

function pattRows() {
  const rows = readJsonl(join(corpora, 'http', 'payload-lists', 'payloads.jsonl'))
    .filter((r) => r.source_repo === PATT_REPO && r.uri.startsWith('/search?q='))
    // A payload longer than 300 characters is a fuzz blob, not something a campaign would send.
    .filter((r) => r.uri.length <= 310);
  const out = [];
  for (const [cls, group] of groupBy(rows, (r) => r.class)) {
    // dotdotpwn dominates path_traversal (21k of 22k lines): sample per source file first.
    const perFile = groupBy(group, (r) => r.source_file);
    const cap = Math.max(1, Math.floor(PATT_MAX_PER_CLASS / perFile.length));
    const picked = spread(perFile.flatMap(([, g]) => spread(g, cap)), PATT_MAX_PER_CLASS);
    for (const r of picked) {
      out.push({
        id: `patt:${r.id}`,
        class: cls,
        source: 'patt',
        value: r.uri.slice('/search?q='.length),
        ref: `${r.source_file}:${r.line_no}`,
      });
    }
  }
  return out;
}

function crsRows() {
  const rows = readJsonl(join(corpora, 'http', 'crs-regression', 'crs_regression_public.jsonl')).filter(
    (r) =>
      r.phase === 'request' &&
      r.method === 'GET' &&
      r.expect === 'match' &&
      r.encoded_request === null &&
      CRS_CLASS[r.rule_file] !== undefined,
  );
  const visible = rows
    .map((r) => {
      const ua = r.headers?.['User-Agent'] ?? r.headers?.['user-agent'];
      const inUri = /[?]/.test(r.uri) || (r.uri.startsWith('/get/') && r.uri.length > 5);
      const inUa = typeof ua === 'string' && ua !== CRS_DEFAULT_UA;
      if (!inUri && !inUa) return null;
      const row = { id: `crs:${r.case_id}`, class: CRS_CLASS[r.rule_file], source: 'crs', uri: r.uri };
      if (inUa) row.ua = ua;
      row.ref = `${r.rule_id}`;
      return row;
    })
    .filter((r) => r !== null && r.uri.length <= 400 && (r.ua ?? '').length <= 300);
  return groupBy(visible, (r) => r.class).flatMap(([, g]) => spread(g, CRS_MAX_PER_CLASS));
}

const all = [...pattRows(), ...crsRows()];
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, all.map((r) => JSON.stringify(r)).join('\n') + '\n');
const counts = {};
for (const r of all) counts[`${r.source}:${r.class}`] = (counts[`${r.source}:${r.class}`] ?? 0) + 1;
process.stdout.write(`${all.length} payloads -> ${out}\n${JSON.stringify(counts)}\n`);
