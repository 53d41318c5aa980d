import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { clientNetwork, failureKey, FailureLimiter } from './failure-limiter.js';
import { hashToken } from './users.js';

describe('failure limiter', () => {
  it('counts an IPv6 client by its /64, so rotating through a /64 is one client', () => {
    assert.equal(clientNetwork('2001:db8:1:2::7'), '2001:db8:1:2::/64');
    assert.equal(clientNetwork('2001:0DB8:0001:0002:ffff:1:2:3'), '2001:db8:1:2::/64');
    assert.equal(clientNetwork('::ffff:203.0.113.7'), '203.0.113.7');
    assert.equal(clientNetwork('203.0.113.7'), '203.0.113.7');
    const limiter = new FailureLimiter(3, 60_000);
    const hash = hashToken('vigie_wrong');
    for (let i = 1; i <= 3; i++) limiter.fail(failureKey(`2a02:6b8:0:1::${i.toString(16)}`, hash));
    assert.ok(limiter.retryAfterSecs(failureKey('2a02:6b8:0:1:dead:beef:0:1', hash)) > 0);
    assert.equal(limiter.retryAfterSecs(failureKey('2a02:6b8:0:2::1', hash)), 0, 'the next /64 is another client');
  });

  it('keys on a prefix of the presented secret\'s hash: 16 buckets per address', () => {
    const keys = new Set(Array.from({ length: 2000 }, (_, i) => failureKey('198.51.100.4', hashToken(`vigie_guess${i}`))));
    assert.equal(keys.size, 16);
  });

  it('forgets failures after the window', () => {
    let now = 0;
    const limiter = new FailureLimiter(2, 1000, () => now);
    limiter.fail('k');
    limiter.fail('k');
    assert.equal(limiter.retryAfterSecs('k'), 1);
    now = 1001;
    assert.equal(limiter.retryAfterSecs('k'), 0);
  });
});
