import assert from 'node:assert/strict';
import { test } from 'node:test';
import { LiteralAutomaton } from './literal-automaton.js';

function hits(literals: string[], ...texts: string[]): number[] {
  const a = new LiteralAutomaton(literals);
  const out: number[] = [];
  let state = a.start;
  for (const t of texts) state = a.scan(t, state, (l) => out.push(l));
  return out.sort((x, y) => x - y);
}

test('finds every literal, overlapping and nested, folding ASCII case', () => {
  assert.deepEqual(hits(['he', 'she', 'hers', 'his'], 'uSHErs'), [0, 1, 2]);
  assert.deepEqual(hits(['../', '..'], '/a/../b'), [0, 1]);
  assert.deepEqual(hits(['union'], 'communion'), [0]);
  assert.deepEqual(hits(['union'], 'unio n'), []);
});

test('a scan can continue across strings', () => {
  assert.deepEqual(hits(['.php?'], '/x.php', '?', 'a=1'), [0]);
});

test('non-ASCII input never matches and never breaks a scan', () => {
  assert.deepEqual(hits(['select'], 'sélect', ' select'), [0]);
});

test('non-ASCII literals are refused', () => {
  assert.throws(() => new LiteralAutomaton(['élection']), /not ASCII/);
});
