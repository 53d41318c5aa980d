import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { escapeControls, UNSAFE_TEXT } from './escape-controls.js';

// Every character a log may carry that changes how the text around it is shown: C0 and C1
// controls, DEL, and the Unicode bidirectional formatting characters (Trojan Source, CVE-2021-42574).
const BIDI = ['\u061c', '\u200e', '\u200f', '\u202a', '\u202b', '\u202c', '\u202d', '\u202e', '\u2066', '\u2067', '\u2068', '\u2069'];

describe('escapeControls', () => {
  it('writes control characters as \\xHH, as Apache and nginx write them', () => {
    assert.equal(escapeControls('a\u0000b\u007fc\n\t'), 'a\\x00b\\x7fc\\x0a\\x09');
    assert.equal(escapeControls('plain'), 'plain');
  });

  it('writes bidirectional controls and C1 controls as the \\xHH of their UTF-8 bytes, as nginx logs them', () => {
    assert.equal(escapeControls('/files/\u202egnp.exe'), '/files/\\xe2\\x80\\xaegnp.exe');
    assert.equal(escapeControls('\u061c'), '\\xd8\\x9c');
    assert.equal(escapeControls('a\u0085b\u009bc'), 'a\\xc2\\x85b\\xc2\\x9bc');
    for (const c of BIDI) {
      const shown = escapeControls(`x${c}y`);
      assert.equal(shown, `x${[...Buffer.from(c)].map((b) => `\\x${b.toString(16)}`).join('')}y`, c.codePointAt(0)!.toString(16));
      assert.ok(UNSAFE_TEXT.test(c));
    }
  });

  it('leaves every other character alone: accents, Arabic and Hebrew text, CJK, emoji with joiners', () => {
    for (const text of ['Élections Canada — réponse', 'مرحبا بالعالم', 'שלום עולם', '选举 選舉', '👩\u200d💻 \u00a0 \u2028', 'ab\u200bcd']) {
      assert.equal(escapeControls(text), text);
      assert.equal(UNSAFE_TEXT.test(text), false, text);
    }
  });

  it('escapes every character it should in a long string, and nothing else', () => {
    let text = '';
    let shown = '';
    for (let c = 0; c < 0x2100; c++) {
      const ch = String.fromCharCode(c);
      text += ch;
      const unsafe = c < 0x20 || (c >= 0x7f && c <= 0x9f) || BIDI.includes(ch);
      shown += unsafe ? [...Buffer.from(ch)].map((b) => `\\x${b.toString(16).padStart(2, '0')}`).join('') : ch;
    }
    assert.equal(escapeControls(text), shown);
  });
});
