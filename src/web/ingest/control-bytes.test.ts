import assert from 'node:assert/strict';
import test from 'node:test';
import { scanControlBytes } from './control-bytes.js';

test('finds a control byte or a tab at any position and alignment, and nothing in clean text', () => {
  const clean = Buffer.from('203.0.113.9 - - [01/Jan/2026:00:00:00 +0000] "GET /é?q=1 HTTP/1.1" 200 5 "-" "UA"\r\n'.repeat(5));
  for (let offset = 0; offset < 4; offset++) {
    const view = Buffer.concat([Buffer.alloc(offset), clean]).subarray(offset);
    assert.deepEqual(scanControlBytes(view), { control: false, tab: false, unicodeControl: false });
    for (const [byte, key] of [[0x00, 'control'], [0x07, 'control'], [0x1b, 'control'], [0x7f, 'control'], [0x09, 'tab']] as const) {
      for (const at of [0, 1, 2, 3, 57, clean.length - 1]) {
        const dirty = Buffer.from(view);
        dirty[at] = byte;
        assert.equal(scanControlBytes(dirty)[key], true, `byte ${byte} at ${at}, offset ${offset}`);
      }
    }
  }
});

test('flags a possible bidirectional or C1 control at any position and alignment, and not other non-ASCII text', () => {
  const clean = Buffer.from('203.0.113.9 - - [01/Jan/2026:00:00:00 +0000] "GET /é?q=選舉 HTTP/1.1" 200 5 "-" "UA 👩‍💻"\n'.repeat(5));
  for (let offset = 0; offset < 4; offset++) {
    const view = Buffer.concat([Buffer.alloc(offset), clean]).subarray(offset);
    assert.equal(scanControlBytes(view).unicodeControl, false);
    for (const ch of ['\u202e', '\u2066', '\u200f', '\u061c', '\u0085']) {
      for (const at of [0, 1, 2, 3, 57, clean.length - 4]) {
        const dirty = Buffer.concat([view.subarray(0, at), Buffer.from(ch), view.subarray(at)]);
        assert.equal(scanControlBytes(dirty).unicodeControl, true, `U+${ch.codePointAt(0)!.toString(16)} at ${at}, offset ${offset}`);
      }
    }
  }
});

test('a control byte early in a chunk does not hide a later tab or bidirectional control', () => {
  const data = Buffer.from('a\u0007b\n' + 'x'.repeat(64) + '\tc\u202e\n');
  const scan = scanControlBytes(data);
  assert.deepEqual([scan.control, scan.tab, scan.unicodeControl], [true, true, true]);
});
