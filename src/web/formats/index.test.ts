import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LOG_FORMATS, createParser } from './index.js';

describe('createParser', () => {
  it('makes a parser for every format, reporting its format', () => {
    for (const format of LOG_FORMATS) assert.equal(createParser(format).format, format);
  });
  it('makes a fresh parser each time (W3C state is per file)', () => {
    assert.notEqual(createParser('w3c'), createParser('w3c'));
  });
});
