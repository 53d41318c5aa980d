import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { originShares, sharePercent } from './origin-shares.js';

test('originShares: attacks are the headline basis, flagged clients the second, each of its own total', () => {
  // The served database of issue 17: 2 foreign clients with 3 attacks, 898 attacks from unknown addresses.
  const s = originShares({
    foreign: { attacks: 3, flagged_clients: 2 }, domestic: { attacks: 5, flagged_clients: 1 },
    obscured: { attacks: 0, flagged_clients: 0 }, unknown: { attacks: 898, flagged_clients: 3 },
  });
  assert.equal(s.headline, 'attacks');
  assert.deepEqual(s.attacks, { foreign: 0.003, domestic: 0.006, obscured: 0, unknown: 0.991 });
  assert.deepEqual(s.flagged_clients, { foreign: 0.333, domestic: 0.167, obscured: 0, unknown: 0.5 });
  assert.equal(sharePercent(s.attacks.unknown), '99.1%');
  assert.equal(sharePercent(s.flagged_clients.foreign), '33.3%');
});

test('originShares: nothing flagged gives zero shares, not NaN', () => {
  const zero = { attacks: 0, flagged_clients: 0 };
  const s = originShares({ foreign: zero, domestic: zero, obscured: zero, unknown: zero });
  assert.deepEqual(s.attacks, { foreign: 0, domestic: 0, obscured: 0, unknown: 0 });
  assert.equal(sharePercent(s.attacks.foreign), '0.0%');
});
