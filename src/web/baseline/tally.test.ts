import assert from 'node:assert/strict';
import test from 'node:test';
import { clientHash, Tally } from './tally.js';

test('an item is confirmed by 3 distinct clients, and a flood from one client weighs as one', () => {
  const t = new Tally(100, 3);
  for (let i = 0; i < 300; i++) t.add(['100', '39', '85'][i % 3]!, clientHash(`198.51.100.${i % 20}`));
  for (let i = 0; i < 500; i++) t.add('1', clientHash('203.0.113.7'));
  assert.deepEqual(t.confirmed(true, 3).map(([v]) => v), ['100', '39', '85']);
  assert.equal(t.unconfirmedCount(true, 3), 1);
  assert.equal(t.unconfirmedCount(false, 3), 0, 'without clients, 500 requests confirm it');
});

test('past its capacity a tally counts new items as untracked, never as confirmed', () => {
  const t = new Tally(2, 3);
  for (const v of ['a', 'b', 'c', 'c', 'c']) t.add(v, -1);
  assert.equal(t.size, 2);
  assert.equal(t.untracked, 3);
  assert.equal(t.unconfirmedShare(false, 1), 3 / 5);
});

test('merged tallies confirm what their clients together confirm', () => {
  const a = new Tally(10, 3);
  const b = new Tally(10, 3);
  a.add('x', clientHash('198.51.100.1'));
  a.add('x', clientHash('198.51.100.2'));
  b.add('x', clientHash('198.51.100.2'));
  b.add('x', clientHash('198.51.100.3'));
  b.add('y', clientHash('198.51.100.3'));
  a.merge(b);
  assert.equal(a.total, 5);
  assert.deepEqual(a.confirmed(true, 3), [['x', 4]]);
  assert.equal(a.unconfirmedCount(true, 3), 1);
});
