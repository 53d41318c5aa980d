import assert from 'node:assert/strict';
import test from 'node:test';
import { ineligibleKind, isForeignAddress } from './ineligible.js';

test('foreign addresses: a US state or ZIP is flagged; Canadian misspellings of the real lists are not', () => {
  assert.equal(isForeignAddress('NY', '10001'), true);
  assert.equal(isForeignAddress('', '90210'), true);
  assert.equal(isForeignAddress('USA', ''), true);
  for (const [prov, postal] of [['QU', 'J0P1P0'], ['QUÉBEC', 'J0J1L0'], ['QC', 'GOC1K0'], ['ON', 'K1A0A6'], ['', ''], ['NA', '']]) {
    assert.equal(isForeignAddress(prov, postal), false, `${prov} ${postal}`);
  }
});

test('corporations and unions are ineligible from 2007 only; cash over $20 where recorded', () => {
  assert.equal(ineligibleKind('Businesses / Commercial organizations', 'Acme Inc.', '2011-05-01', 'ON', 'K1A0A6', '', 100000), 'ineligible_corporate');
  assert.equal(ineligibleKind('Individuals', 'Acme Holdings Inc.', '2011-05-01', 'ON', 'K1A0A6', '', 100000), 'ineligible_corporate');
  assert.equal(ineligibleKind('Businesses / Commercial organizations', 'Acme Inc.', '2005-05-01', 'ON', 'K1A0A6', '', 100000), null);
  assert.equal(ineligibleKind('Individuals', 'Tremblay, Jean', '2011-05-01', 'QC', 'H2R1A1', 'Cash', 5000), 'cash');
  assert.equal(ineligibleKind('Individuals', 'Tremblay, Jean', '2011-05-01', 'QC', 'H2R1A1', 'Cash', 2000), null);
});
