import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseClfTime, parseDateTime, parseEpochSeconds, parseIsoTime, timeProblem } from './time.js';

describe('parseClfTime', () => {
  it('reads the Apache documentation example with its zone', () => {
    assert.equal(parseClfTime('10/Oct/2000:13:55:36 -0700'), Date.UTC(2000, 9, 10, 20, 55, 36));
  });
  it('gives the same answer from the cache and after a different key', () => {
    const a = parseClfTime('22/Dec/2016:16:34:00 +0300');
    parseClfTime('01/Jan/1999:00:00:00 +0000');
    assert.equal(parseClfTime('22/Dec/2016:16:34:00 +0300'), a);
    assert.equal(a, Date.UTC(2016, 11, 22, 13, 34, 0));
  });
  it('handles leap days and year ends', () => {
    assert.equal(parseClfTime('29/Feb/2024:23:59:59 +0000'), Date.UTC(2024, 1, 29, 23, 59, 59));
    assert.equal(parseClfTime('31/Dec/1999:23:59:59 -0500'), Date.UTC(2000, 0, 1, 4, 59, 59));
  });
  it('says why it refused a time, also when the refusal comes from its cache', () => {
    for (let k = 0; k < 2; k++) {
      assert.ok(Number.isNaN(parseClfTime('29/Feb/2025:10:00:00 +0000')));
      assert.equal(timeProblem(), '2025-02-29 is not a calendar date');
    }
    assert.ok(Number.isNaN(parseClfTime('01/Jan/1970:00:00:00 +0000')));
    assert.match(timeProblem(), /^the Unix epoch/);
    assert.ok(Number.isNaN(parseClfTime('01/Jan/1970:01:00:00 +0100')), 'the epoch in another zone');
    assert.match(timeProblem(), /^the Unix epoch/);
    assert.ok(Number.isNaN(parseClfTime('10/Oct/2000:13:55:36 x0700')));
    assert.equal(timeProblem(), 'not a time zone offset');
    assert.equal(parseClfTime('10/Oct/2000:13:55:36 -0700'), Date.UTC(2000, 9, 10, 20, 55, 36));
    assert.equal(timeProblem(), '');
  });
  it('returns NaN for text it cannot read', () => {
    for (const bad of ['', '10/Oct/2000:13:55:36', '10/Okt/2000:13:55:36 -0700', '10/Oct/2000:25:55:36 -0700',
      '10/Oct/2000:13:55:36 0700', 'xx/Oct/2000:13:55:36 -0700']) {
      assert.ok(Number.isNaN(parseClfTime(bad)), bad);
    }
  });
});

describe('parseIsoTime', () => {
  it('reads ALB, ECS and offset forms', () => {
    assert.equal(parseIsoTime('2018-07-02T22:23:00.186641Z'), Date.UTC(2018, 6, 2, 22, 23, 0, 186));
    assert.equal(parseIsoTime('2016-05-23T08:05:34.853Z'), Date.UTC(2016, 4, 23, 8, 5, 34, 853));
    assert.equal(parseIsoTime('2019-12-04T21:02:31+01:00'), Date.UTC(2019, 11, 4, 20, 2, 31));
    assert.equal(parseIsoTime('2019-12-04T21:02:31-0130'), Date.UTC(2019, 11, 4, 22, 32, 31));
    assert.equal(parseIsoTime('2019-12-04 21:02:31'), Date.UTC(2019, 11, 4, 21, 2, 31));
  });
  it('returns NaN for text it cannot read', () => {
    for (const bad of ['', '2019-12-04', '2019-13-04T00:00:00Z', '2019-12-04T21:02:31+1', '2019/12/04 21:02:31']) {
      assert.ok(Number.isNaN(parseIsoTime(bad)), bad);
    }
  });
});

describe('parseDateTime and parseEpochSeconds', () => {
  it('joins W3C date and time fields as UTC', () => {
    assert.equal(parseDateTime('2019-12-04', '21:02:31'), Date.UTC(2019, 11, 4, 21, 2, 31));
    assert.ok(Number.isNaN(parseDateTime('-', '21:02:31')));
  });
  it('reads nginx $msec', () => {
    assert.equal(parseEpochSeconds('1575493351.123'), 1575493351123);
    assert.ok(Number.isNaN(parseEpochSeconds('soon')));
  });
});
