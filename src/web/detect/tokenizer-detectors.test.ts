import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { RequestDetector } from '../../core/index.js';
import { scanRequest, type RequestObject } from './scan-request.js';
import { createSqliDetector } from './sqli/sqli-detector.js';
import { createXssDetector } from './xss/xss-detector.js';

// Golden fixtures of the tokenizer detectors, hand-written (not from the evaluation corpora).
const here = fileURLToPath(new URL('.', import.meta.url));
const sourceDir = here.includes('/dist/') ? here.replace('/dist/', '/') : here;

function fixture(folder: string, name: string): RequestObject[] {
  return readFileSync(join(sourceDir, folder, 'fixtures', `${name}.jsonl`), 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as RequestObject);
}

const detectors: Array<[string, string, RequestDetector]> = [
  ['sqli', 'sqli-tokenizer', createSqliDetector()],
  ['xss', 'xss-tokenizer', createXssDetector()],
];

for (const [folder, rule, detector] of detectors) {
  test(`${rule} flags every request of its match fixtures`, () => {
    const misses = fixture(folder, 'match').filter((r) => !scanRequest(detector, r).some((f) => f.rule === rule));
    assert.deepEqual(misses, []);
  });
  test(`${rule} flags no request of its no-match fixtures`, () => {
    const hits = fixture(folder, 'no-match').flatMap((r) => scanRequest(detector, r).map((f) => f.reason));
    assert.deepEqual(hits, []);
  });
}

test('a tokenizer finding names the parameter, the fragment and the token sequence', () => {
  const [f] = scanRequest(createSqliDetector(), { method: 'GET', uri: '/x?lang=fr&id=7%27%20OR%201%3D1--' }, { file: 'a.jsonl', line: 3 });
  assert.equal(f?.rule, 'sqli-tokenizer');
  assert.equal(f?.class, 'sqli');
  assert.equal(f?.location, 'query:id');
  assert.equal(f?.fragment, "' OR 1=1--");
  assert.match(f?.reason ?? '', /^SQL token sequence s&1o1c \(string, AND\/OR, number, operator, number, comment\).* in query parameter `id`/);
  assert.equal(f?.line, 3);
});

test('JSON and form bodies are read field by field', () => {
  const [json] = scanRequest(createXssDetector(), { method: 'POST', uri: '/api', body: '{"user":{"name":"<svg onload=go()>"}}' });
  assert.equal(json?.location, 'body:json.user.name');
  const [form] = scanRequest(createSqliDetector(), { method: 'POST', uri: '/f', body: 'a=1&comment=x%27%20or%201%3D1--' });
  assert.equal(form?.location, 'body:comment');
});
