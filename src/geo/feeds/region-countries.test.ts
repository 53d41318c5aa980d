import assert from 'node:assert/strict';
import test from 'node:test';
import { awsBorderGroupCountry, azureRegionCountry, gcpRegionCountry, oracleRegionCountry } from './region-countries.js';

test('regions map to their country, zones to their airport\'s, and nothing unknown is guessed', () => {
  assert.equal(awsBorderGroupCountry('ca-central-1'), 'CA');
  assert.equal(awsBorderGroupCountry('us-east-1-lim-1'), 'PE');
  assert.equal(awsBorderGroupCountry('us-east-1-qro-1'), 'MX');
  assert.equal(awsBorderGroupCountry('us-west-2-wl1-lax-wlz-1'), 'US');
  assert.equal(awsBorderGroupCountry('ap-southeast-1-sggov-sin-1a'), 'SG');
  assert.equal(awsBorderGroupCountry('GLOBAL'), null);
  assert.equal(awsBorderGroupCountry('us-east-1-zzz-1'), null);
  assert.equal(gcpRegionCountry('us-east7'), 'US');
  assert.equal(gcpRegionCountry('global'), null);
  assert.equal(azureRegionCountry('canadaeast'), 'CA');
  assert.equal(azureRegionCountry(''), null);
  assert.equal(oracleRegionCountry('uk-gov-london-1'), 'GB');
  assert.equal(oracleRegionCountry('ca-montreal-1'), 'CA');
  assert.equal(oracleRegionCountry('xx-atlantis-1'), null);
});
