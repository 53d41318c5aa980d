import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { formatReceipt, newReceipt, normaliseReceipt, RECEIPT_DIGITS } from './receipt.js';

// What issue 18 asks of a receipt: at least 80 bits, digits only, grouped for reading, and
// accepted back however the reporter types it (spaces, dashes, a Chinese IME's full-width digits).

const fullWidth = (s: string): string => s.replace(/[0-9]/g, (d) => String.fromCharCode(0xff10 + Number(d)));

describe('tips receipts', () => {
  it('carry at least 80 bits, in digits only, shown in five groups of five', () => {
    assert.ok(RECEIPT_DIGITS * Math.log2(10) >= 80, `${RECEIPT_DIGITS} digits are ${(RECEIPT_DIGITS * Math.log2(10)).toFixed(1)} bits`);
    const seen = new Set<string>();
    const counts = new Array<number>(10).fill(0);
    for (let i = 0; i < 400; i++) {
      const r = newReceipt();
      assert.match(r, /^[0-9]{25}$/);
      assert.match(formatReceipt(r), /^[0-9]{5}( [0-9]{5}){4}$/);
      seen.add(r);
      for (const d of r) counts[Number(d)]!++;
    }
    assert.equal(seen.size, 400);
    // 10,000 digits: each of the ten is near 1,000 (a leading zero is as likely as any other).
    for (const c of counts) assert.ok(c > 850 && c < 1150, `digit counts ${counts.join(',')}`);
  });

  it('are accepted back with or without spaces or dashes, and in full-width digits from a Chinese keyboard', () => {
    const r = newReceipt();
    const shown = formatReceipt(r);
    const typed = [
      r, shown, shown.replace(/ /g, '-'), ` ${shown} `, shown.replace(/ /g, '  '),
      r.replace(/(.)/g, '$1 ').trim(),
      fullWidth(r), fullWidth(shown), fullWidth(shown).replace(/ /g, '\u3000'), fullWidth(shown).replace(/ /g, '－'),
      shown.replace(/ /g, '—'), shown.replace(/ /g, '–'), shown.replace(/ /g, '\u00a0'), shown.replace(/ /g, '.'),
      fullWidth(r.slice(0, 10)) + r.slice(10),
    ];
    for (const t of typed) assert.equal(normaliseReceipt(t), r, JSON.stringify(t));
  });

  it('refuse what is not 25 digits', () => {
    const r = newReceipt();
    for (const t of [r.slice(1), `${r}1`, `${r.slice(0, 24)}a`, `${r.slice(0, 24)}Ｏ`, '', ' - ', `${r.slice(0, 24)}٣`, `${r.slice(0, 12)}/${r.slice(12)}`]) {
      assert.equal(normaliseReceipt(t), null, JSON.stringify(t));
    }
  });
});
