import assert from 'node:assert/strict';
import test from 'node:test';
import { operatorKind } from './network-type.js';

test('operator names: consumer ISPs are residential, institutions business, the rest unknown', () => {
  for (const isp of ['Bell Canada', 'Rogers Communications Canada Inc.', 'Videotron Ltee', 'TELUS Communications Inc.', 'Comcast Cable Communications, LLC', 'Deutsche Telekom AG']) {
    assert.equal(operatorKind(isp), 'residential', isp);
  }
  for (const org of ['McGill University', 'Government of Canada', 'Royal Bank of Canada']) assert.equal(operatorKind(org), 'business', org);
  for (const other of ['Cogent Communications', 'Hurricane Electric LLC', 'Google LLC']) assert.equal(operatorKind(other), 'unknown', other);
});
