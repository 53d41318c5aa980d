import assert from 'node:assert/strict';
import test from 'node:test';
import { emptyEvent, type Finding, type WebEvent } from '../../core/index.js';
import { createBaselineDetector } from './detector.js';
import { BaselineLearner } from './learner.js';

// A site with two forms sending the same fields: a sign-up (POST /register) and a profile page
// (GET /profile). Provinces come from a drop-down; a few are rare.
const PROVINCES = ['Ontario', 'Quebec', 'Alberta', 'Manitoba', 'Nova Scotia', 'Saskatchewan', 'Yukon'];
const RARE = 'Newfoundland (and Labrador)';
const TRAINING = { requests_read: 0, requests_used: 0, requests_ignored_flagged: 0, requests_ignored_status: 0, clients_flagged: 0 };

function request(method: string, path: string, province: string, age: string, client: number): WebEvent {
  const query = `province=${encodeURIComponent(province)}&age=${age}`;
  return { ...emptyEvent(), method, path, ip: `198.51.100.${client % 250}`, status: 200, ...(method === 'GET' ? { query } : { body: query }) };
}

function learn(rareOnProfile: number, ageOnProfile: (i: number) => string) {
  const learner = new BaselineLearner(true);
  for (let i = 0; i < 600; i++) learner.observe(request('POST', '/register', i % 150 === 0 ? RARE : PROVINCES[i % 7]!, String(18 + (i % 60)), i));
  for (let i = 0; i < 600; i++) learner.observe(request('GET', '/profile', i < rareOnProfile ? RARE : PROVINCES[i % 7]!, ageOnProfile(i), i + 7));
  return learner.toModel(TRAINING);
}

function anomalies(model: ReturnType<typeof learn>, event: WebEvent): Finding[] {
  const out: Finding[] = [];
  createBaselineDetector(model).inspect(event, { file: 'access.log', line: 1 }, out);
  return out;
}

test('a value the site sends in one form is normal in the other form with the same field', () => {
  // The profile page saw the rare province from one client only: alone it would report it.
  const model = learn(1, (i) => String(18 + (i % 60)));
  const profile = model.endpoints.find((e) => e.path === '/profile')!.params.find((p) => p.name === 'province')!;
  assert.ok(profile.charset.includes('('), 'the parenthesis is confirmed by the sign-up form');
  assert.deepEqual(anomalies(model, request('GET', '/profile', RARE, '30', 999)), []);
  // Pooling widens what is normal, not what is allowed: a quote is still reported on both.
  const quoted = anomalies(model, request('GET', '/profile', "Ontario'", '30', 999));
  assert.deepEqual(quoted.map((f) => [f.rule, f.location]), [['baseline-param-charset', 'query:province']]);
});

test('a name whose type differs between endpoints is not pooled', () => {
  // `age` is a number on the sign-up form but a word (`adult`, `minor`) on the profile page.
  const model = learn(0, (i) => (i % 2 === 0 ? 'adult' : 'minor'));
  const profile = model.endpoints.find((e) => e.path === '/profile')!.params.find((p) => p.name === 'age')!;
  assert.equal(profile.type, 'alpha');
  assert.ok(!profile.charset.includes('digit'), 'the digits of the other form are not this field\'s');
  assert.deepEqual(anomalies(model, request('GET', '/profile', 'Yukon', '42', 999)).map((f) => f.rule), ['baseline-param-type']);
});

test('lengths: a fixed format is enforced exactly, a spread of lengths give or take its spread', () => {
  const learner = new BaselineLearner(true);
  const names = ['Al', 'Anne', 'Bérénice', 'Christopher', 'Jo', 'Marie-Ève', 'Maximiliano'];
  for (let i = 0; i < 700; i++) {
    learner.observe({ ...emptyEvent(), method: 'GET', path: '/lookup', ip: `198.51.100.${i % 200}`, status: 200, query: `postcode=K1A${i % 10}B${i % 7}&name=${encodeURIComponent(names[i % 7]!)}` });
  }
  const params = learner.toModel(TRAINING).endpoints[0]!.params;
  assert.deepEqual(params.find((p) => p.name === 'postcode')!.length_limit, { min: 6, max: 6 });
  // Names of 2 to 11 characters, all seen often: 1 to 20 characters stay ordinary.
  assert.deepEqual(params.find((p) => p.name === 'name')!.length_limit, { min: 0, max: 20 });
});
