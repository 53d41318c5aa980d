import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { loadRules } from './load-rules.js';
import { createRuleDetector } from './rule-engine.js';
import { WEB_RULES_DIR } from './rules-dir.js';
import { scanRequest, type RequestObject } from './scan-request.js';

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
