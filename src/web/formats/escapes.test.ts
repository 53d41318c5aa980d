import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { closingQuote, percentDecode, unescapeField } from './escapes.js';

const un = (s: string, target: boolean): string => unescapeField(s, 0, s.length, target);

describe('unescapeField', () => {
  it('undoes \\" and \\\\ everywhere', () => {
    assert.equal(un(String.raw`a\"b\\c`, true), 'a"b\\c');
    assert.equal(un(String.raw`a\"b\\c`, false), 'a"b\\c');
  });
  it('decodes printable \\xHH (nginx writes " as \\x22)', () => {
    assert.equal(un(String.raw`\x22\x5C\x41`, false), '"\\A');
  });
  it('turns non-printable \\xHH into %HH in a request target, keeps it in free text', () => {
    assert.equal(un(String.raw`/a\xf0\x9f`, true), '/a%F0%9F');
    assert.equal(un(String.raw`UA\xf0\x9f`, false), String.raw`UA\xf0\x9f`);
  });
  it("maps Apache's \\n \\r \\t to %0A %0D %09 in targets and keeps them in text", () => {
    assert.equal(un(String.raw`/x\r\n`, true), '/x%0D%0A');
    assert.equal(un(String.raw`ua\n`, false), String.raw`ua\n`);
  });
  it('keeps unknown or truncated escapes as written', () => {
    assert.equal(un(String.raw`\q\x4`, true), String.raw`\q\x4`);
  });
  it('works on a slice without copying unescaped text', () => {
    assert.equal(unescapeField('xx"a\\"b"yy', 3, 7, true), 'a"b');
  });
});

describe('closingQuote', () => {
  it('skips escaped quotes and escaped backslashes', () => {
    assert.equal(closingQuote('"a\\"b" c', 1), 5);
    assert.equal(closingQuote('"a\\\\" c', 1), 4);
    assert.equal(closingQuote('"abc', 1), -1);
  });
});

describe('percentDecode', () => {
  it('decodes UTF-8 percent escapes and leaves broken ones', () => {
    assert.equal(percentDecode('Mozilla/5.0%20(X11)'), 'Mozilla/5.0 (X11)');
    assert.equal(percentDecode('%E2%9C%93%zz%0A'), '\u2713%zz\\x0a');
    assert.equal(percentDecode('caf\u00e9%20\u{1F600}'), 'caf\u00e9 \u{1F600}');
  });
  it('does not decode a bidirectional control into the text (CloudFront user agents)', () => {
    assert.equal(percentDecode('curl%20%E2%80%AEexe.gnp'), 'curl \\xe2\\x80\\xaeexe.gnp');
  });
});
