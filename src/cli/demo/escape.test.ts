import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { escapeLogBytes, escapeLogField, sendRaw } from './escape.js';

describe('Apache log escaping', () => {
  it('escapes quotes, backslashes, controls and UTF-8 bytes as mod_log_config does', () => {
    assert.equal(escapeLogField('plain /en/?q=a+b'), 'plain /en/?q=a+b');
    assert.equal(escapeLogField('q="é"\\\t'), 'q=\\"\\xc3\\xa9\\"\\\\\\x09');
  });

  it('sends quotes and high bytes raw but keeps spaces encoded', () => {
    const raw = sendRaw('/s?q=%22%3Cscript%3E%20%C3%A9%25');
    assert.equal(raw, '/s?q="<script>%20\u00c3\u00a9%25');
    assert.equal(escapeLogBytes(raw), '/s?q=\\"<script>%20\\xc3\\xa9%25');
  });
});
