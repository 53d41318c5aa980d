import assert from 'node:assert/strict';
import test from 'node:test';
import { scanControlBytes } from './control-bytes.js';

test('finds a control byte or a tab at any position and alignment, and nothing in clean text', () => {
  const clean = Buffer.from('203.0.113.9 - - [01/Jan/2026:00:00:00 +0000] "GET /é?q=1 HTTP/1.1" 200 5 "-" "UA"\r\n'.repeat(5));
  for (let offset = 0; offset < 4; offset++) {
    const view = Buffer.concat([Buffer.alloc(offset), clean]).subarray(offset);
    assert.deepEqual(scanControlBytes(view), { control: false, tab: false });
    for (const [byte, key] of [[0x00, 'control'], [0x07, 'control'], [0x1b, 'control'], [0x7f, 'control'], [0x09, 'tab']] as const) {
      for (const at of [0, 1, 2, 3, 57, clean.length - 1]) {
        const dirty = Buffer.from(view);
        dirty[at] = byte;
        assert.equal(scanControlBytes(dirty)[key], true, `byte ${byte} at ${at}, offset ${offset}`);
      }
    }
  }
});
