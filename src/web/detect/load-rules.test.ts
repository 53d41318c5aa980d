import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadRules, parseRuleFile } from './load-rules.js';

const VALID = `id: x-test
class: sqli
severity: 3
description: A test rule for the loader.
targets: [query]
prefilter: [union]
patterns: ['union\\s+select']
`;

test('a valid rule parses', () => {
  const rule = parseRuleFile('x-test.yaml', VALID);
  assert.equal(typeof rule, 'object');
});

test('unknown keys, bad values and bad regexes are reported with file and path', () => {
  const text = VALID.replace('prefilter:', 'prefiltre: [x]\nprefilter:').replace("'union\\s+select'", "'(unclosed'").replace('class: sqli', 'class: sql');
  const problems = parseRuleFile('rules/web/x-test.yaml', text);
  assert.equal(typeof problems, 'string');
  assert.match(problems as string, /rules\/web\/x-test\.yaml: \(root\): .*prefiltre/);
  assert.match(problems as string, /x-test\.yaml: class: /);
  assert.match(problems as string, /x-test\.yaml: patterns\.0: invalid regular expression/);
});

test('prefilter literals must be lower-case and selective, and are required', () => {
  const upper = parseRuleFile('x-test.yaml', VALID.replace('[union]', '[UNION, a]'));
  assert.match(upper as string, /prefilter\.0: must be lower-case ASCII/);
  assert.match(upper as string, /prefilter\.1: a single letter/);
  const none = parseRuleFile('x-test.yaml', VALID.replace('prefilter: [union]\n', ''));
  assert.match(none as string, /prefilter: required/);
});

test('the id must match the file name', () => {
  assert.match(parseRuleFile('other.yaml', VALID) as string, /must match the file name `other`/);
});

test('the shipped rules load', () => {
  assert.ok(loadRules().length >= 30);
});
