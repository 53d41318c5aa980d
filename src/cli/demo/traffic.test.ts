import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEMO_CAMPAIGNS, isActive } from './campaigns.js';
import { easternHour } from './schedule.js';
import { generateTraffic, generateTrafficRecords, type TrafficRecord } from './traffic.js';

// host ident user [time] "request" status bytes "referer" "user-agent", quoted fields with
// Apache escapes only (\" \\ \xHH), request line METHOD TARGET PROTOCOL without spaces in the target.
const QUOTED = String.raw`"((?:[^"\\\x00-\x1f\x7f-\uffff]|\\"|\\\\|\\x[0-9a-f]{2})*)"`;
const COMBINED = new RegExp(
  String.raw`^([0-9]{1,3}(?:\.[0-9]{1,3}){3}|[0-9a-f]{0,4}(?::[0-9a-f]{0,4}){2,7}) - - ` +
    String.raw`\[(\d{2})/(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)/(\d{4}):(\d{2}):(\d{2}):(\d{2}) \+0000\] ` +
    String.raw`"(GET|HEAD|POST) (/[^ "]*|/(?:[^ "\\]|\\"|\\\\|\\x[0-9a-f]{2})*) (HTTP/1\.0|HTTP/1\.1|HTTP/2\.0)" ` +
    String.raw`([1-5][0-9]{2}) ([0-9]+|-) ${QUOTED} ${QUOTED}$`,
);

const sample = (lines: number, seed: number | string = 7, days?: number): TrafficRecord[] => [
  ...generateTrafficRecords({ lines, seed, ...(days === undefined ? {} : { days }) }),
];

describe('generateTraffic', () => {
  it('gives the same lines for the same seed, and other lines for another seed', () => {
    const a = [...generateTraffic({ lines: 5000, seed: 11 })];
    const b = [...generateTraffic({ lines: 5000, seed: 11 })];
    const c = [...generateTraffic({ lines: 5000, seed: 12 })];
    assert.deepEqual(a, b);
    assert.notDeepEqual(a, c);
  });

  it('yields exactly the requested number of lines', () => {
    for (const lines of [0, 1, 999, 12_345]) assert.equal([...generateTraffic({ lines, seed: 1 })].length, lines);
  });

  it('keeps the attack share within tolerance, every campaign present', () => {
    const records = sample(100_000, 3);
    const attacks = records.filter((r) => r.campaign !== null);
    assert.ok(Math.abs(attacks.length / records.length - 0.03) < 0.002, `share ${attacks.length / records.length}`);
    for (const spec of DEMO_CAMPAIGNS) assert.ok(attacks.some((r) => r.campaign === spec.id), spec.id);
    const none = [...generateTrafficRecords({ lines: 10_000, seed: 3, attackShare: 0 })];
    assert.equal(none.filter((r) => r.campaign !== null).length, 0);
  });

  it('writes every line in the combined format, in time order', () => {
    const records = sample(60_000, 5);
    let previous = 0;
    for (const { line, time } of records) {
      assert.match(line, COMBINED);
      assert.ok(time >= previous, 'timestamps never go back');
      previous = time;
    }
  });

  it('has the shapes of real traffic: IPv6 clients, assets, 304s, bilingual pages, escaped attack fields', () => {
    const lines = sample(60_000, 5).map((r) => r.line);
    const share = (re: RegExp): number => lines.filter((l) => re.test(l)).length / lines.length;
    assert.ok(share(/^[0-9a-f]{1,4}:/) > 0.01, 'IPv6 clients');
    assert.ok(share(/"GET \/assets\//) > 0.3, 'page assets');
    assert.ok(share(/" 304 - "/) > 0.05, 'cached assets');
    assert.ok(share(/"GET \/fr\//) > 0.02 && share(/"GET \/en\//) > 0.05, 'EN and FR pages');
    assert.ok(lines.some((l) => /\?pc=[A-Za-z0-9+]{6,7} /.test(l)), 'postal-code queries');
    assert.ok(lines.some((l) => l.includes('%27%C3%A9lection')), "accented search terms with apostrophes");
    assert.ok(lines.some((l) => /"GET [^ ]*\\"/.test(l)), 'escaped quotes in a request line');
    assert.ok(lines.some((l) => /"GET [^ ]*\\x[89a-f][0-9a-f]/.test(l)), 'escaped bytes in a request line');
    assert.ok(lines.some((l) => l.includes('"POST /en/account/sign-in HTTP/1.1" 429')), 'credential stuffing');
    assert.ok(lines.some((l) => l.includes('"GET /.git/config HTTP/1.1" 404')), 'scanner probes');
    assert.ok(lines.some((l) => l.includes('Googlebot/2.1')), 'crawlers');
  });

  it('follows the daily rhythm: more lines at 15:00 Eastern than at 04:00', () => {
    const byHour = new Array<number>(24).fill(0);
    for (const r of generateTrafficRecords({ lines: 50_000, seed: 9, attackShare: 0 })) byHour[easternHour(r.time)]!++;
    assert.ok((byHour[15] as number) > 3 * (byHour[4] as number), `15h ${byHour[15]} vs 4h ${byHour[4]}`);
  });

  it('keeps each campaign to its hours and working days', () => {
    // Two weeks from Monday 2025-04-28: the harbour campaign (UTC+8 office hours) skips weekends.
    const records = [...generateTrafficRecords({ lines: 200_000, seed: 4, days: 14 })];
    const specs = new Map(DEMO_CAMPAIGNS.map((c) => [c.id, c]));
    for (const r of records) {
      if (r.campaign === null) continue;
      const spec = specs.get(r.campaign);
      assert.ok(spec && isActive(spec.hours, r.time), `${r.campaign} at ${new Date(r.time * 1000).toISOString()}`);
    }
    const harbourDays = new Set(
      records.filter((r) => r.campaign === 'harbour').map((r) => new Date((r.time + 8 * 3600) * 1000).getUTCDay()),
    );
    assert.deepEqual([...harbourDays].sort(), [1, 2, 3, 4, 5]);
  });
});
