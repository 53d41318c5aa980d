import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { corpus } from '../testing/corpora.js';
import { badIpReason, clientFromForwardedFor, normaliseIp } from './ip.js';

/** The WHATWG URL parser's IPv6 serialisation (RFC 5952 for every address but the IPv4-mapped ones): an independent oracle. */
const whatwg = (ip: string): string => new URL(`http://[${ip}]/`).hostname.slice(1, -1);

/** Every group written in full, upper-case: the longest spelling of an address. */
function expanded(ip: string): string {
  const u = new URL(`http://[${ip}]/`).hostname.slice(1, -1);
  const [head = '', tail = ''] = u.split('::');
  const h = head === '' ? [] : head.split(':');
  const t = tail === '' ? [] : tail.split(':');
  const groups = u.includes('::') ? [...h, ...new Array<string>(8 - h.length - t.length).fill('0'), ...t] : h;
  return groups.map((g) => g.padStart(4, '0').toUpperCase()).join(':');
}

/** Every other valid spelling with one `::`: over any run of zero groups, whole or in part. */
function otherCompressions(groups: number[]): string[] {
  const out: string[] = [];
  for (let at = 0; at < 8; at++) {
    for (let length = 1; at + length <= 8 && groups[at + length - 1] === 0; length++) {
      const text = (g: number[]): string => g.map((v) => v.toString(16)).join(':');
      out.push(`${text(groups.slice(0, at))}::${text(groups.slice(at + length))}`);
    }
  }
  return out;
}

/** A small deterministic generator (mulberry32): the same addresses on every run. */
function prng(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('normaliseIp: RFC 5952 canonical text', () => {
  it('stores one spelling per address (the issue\'s example and RFC 5952 section 4)', () => {
    for (const [raw, canonical] of [
      ['2a00:1450:0:0:0:0:0:3', '2a00:1450::3'],
      ['2a00:1450::3', '2a00:1450::3'],
      ['2A00:1450:0000::0003', '2a00:1450::3'],
      ['2001:0db8::0001', '2001:db8::1'], // 4.1: leading zeros suppressed
      ['2001:db8:0:0:0:0:2:1', '2001:db8::2:1'], // 4.2.1: the longest run shortened
      ['2001:db8:0:1:1:1:1:1', '2001:db8:0:1:1:1:1:1'], // 4.2.2: one 0 field is not shortened
      ['2001:0:0:1:0:0:0:1', '2001:0:0:1::1'], // 4.2.3: the longer run
      ['2001:db8:0:0:1:0:0:1', '2001:db8::1:0:0:1'], // 4.2.3: equal runs, the first
      ['2001:db8:0:0:1::1', '2001:db8::1:0:0:1'], // valid, but not over the first of equal runs
      ['2001:db8::1:0:0:0:0', '2001:db8:0:1::'], // valid, but not over the longest run
      ['2001:db8:0:1:1:1::1', '2001:db8:0:1:1:1:0:1'], // valid, but :: for one group
      ['0:0:0:0:0:0:0:0', '::'],
      ['0:0:0:0:0:0:0:1', '::1'],
      ['1:0:0:0:0:0:0:0', '1::'],
      ['fe80:0:0:0:0:0:0:1', 'fe80::1'],
      ['[2001:DB8::1]:443', '2001:db8::1'],
      ['[2001:db8::1]', '2001:db8::1'],
      ['2001:db8::0.0.0.1', '2001:db8::1'], // a dotted tail is just the last 32 bits
      ['203.0.113.7', '203.0.113.7'],
      ['203.0.113.7:51234', '203.0.113.7'],
      [' 203.0.113.7 ', '203.0.113.7'],
    ] as const) assert.equal(normaliseIp(raw), canonical, raw);
  });

  it('agrees with the WHATWG URL parser on 20,000 random addresses in every spelling', () => {
    const random = prng(5952);
    for (let n = 0; n < 20_000; n++) {
      // Zero groups are common in real addresses; draw them often so that runs of every length occur.
      const groups = Array.from({ length: 8 }, () => (random() < 0.45 ? 0 : Math.floor(random() * 0x10000)));
      if (groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff) continue; // mapped: tested below
      const full = groups.map((g) => g.toString(16)).join(':');
      const canonical = whatwg(full);
      for (const spelling of [full, canonical, canonical.toUpperCase(), expanded(full), `[${expanded(full)}]:8443`, ...otherCompressions(groups)]) {
        assert.equal(normaliseIp(spelling), canonical, spelling);
      }
    }
  });

  it('gives the Tor relays\' IPv6 addresses (Onionoo) back as Onionoo writes them, from their longest spelling', () => {
    const rows = readFileSync(corpus('ip/tor-onionoo/latest.all.csv'), 'utf8').split('\n').slice(1);
    const v6 = rows.map((r) => r.split(',')[1]?.trim() ?? '').filter((ip) => ip.includes(':'));
    assert.ok(v6.length > 1000, `IPv6 relays in the snapshot: ${v6.length}`);
    for (const ip of v6) {
      assert.equal(normaliseIp(ip), ip, ip);
      assert.equal(normaliseIp(expanded(ip)), ip, expanded(ip));
    }
  });

  it('unwraps IPv4-mapped IPv6 in every spelling to the dotted quad, and leaves other embeddings as IPv6', () => {
    for (const raw of ['::ffff:203.0.113.7', '::FFFF:203.0.113.7', '0:0:0:0:0:ffff:203.0.113.7', '::ffff:cb00:7107',
      '0000:0000:0000:0000:0000:FFFF:CB00:7107', '[::ffff:203.0.113.7]:443']) {
      assert.equal(normaliseIp(raw), '203.0.113.7', raw);
    }
    assert.equal(normaliseIp('::203.0.113.7'), '::cb00:7107'); // deprecated IPv4-compatible: not a v4 client
    assert.equal(normaliseIp('64:ff9b::203.0.113.7'), '64:ff9b::cb00:7107'); // NAT64: the translator's address
    assert.equal(normaliseIp('::ffff:0:203.0.113.7'), '::ffff:0:cb00:7107'); // IPv4-translated (SIIT)
  });

  it('rejects what is not one address, saying why', () => {
    for (const [raw, why] of [
      ['::2%25;id', /zone id `25;id`/],
      ['fe80::1%eth0;rm', /zone id/],
      ['2001:db8::1%eth0', /zone id on an address that is not link-local/],
      ['fe80::1%', /zone id/],
      ['1.2.3.4%eth0', /zone id on an IPv4 address/],
      ['2a00:1450::3::1', /not an IP address/],
      ['2a00:1450:0:0:0:0:0:0:3', /not an IP address/],
      ['2a00:14500::3', /not an IP address/],
      ['12345::', /not an IP address/],
      [':1::', /not an IP address/],
      ['1::2:', /not an IP address/],
      ['01.2.3.4', /not an IP address/],
      ['256.1.1.1', /not an IP address/],
      ['::ffff:01.2.3.4', /not an IP address/],
      ['203.0.113.7:http', /port/],
      ['203.0.113.7:70000', /port/],
      ['[2001:db8::1]junk', /port/],
      ['[2001:db8::1', /not an IP address/],
      ['example.org', /not an IP address/],
      ['', /no address/],
      ['-', /no address/],
    ] as const) {
      assert.equal(normaliseIp(raw), '', raw);
      assert.match(badIpReason(raw), why, raw);
    }
  });

  it('keeps a link-local address with an interface name as its zone, without the zone', () => {
    assert.equal(normaliseIp('fe80::1%eth0'), 'fe80::1');
    assert.equal(normaliseIp('FE80:0:0:0:0:0:0:1%enp0s31f6'), 'fe80::1');
    assert.equal(normaliseIp('fe80::1%12'), 'fe80::1'); // Windows writes the interface index
    assert.equal(normaliseIp('[fe80::1%br-lan]:443'), 'fe80::1');
    assert.equal(badIpReason('fe80::1%eth0'), '');
  });
});

describe('clientFromForwardedFor', () => {
  it('takes the entry the trusted proxy appended, canonical', () => {
    assert.equal(clientFromForwardedFor('198.51.100.1, 2A00:1450:0:0:0:0:0:3', 1), '2a00:1450::3');
    assert.equal(clientFromForwardedFor('[2a00:1450:0::3]:1234, 10.0.0.1', 2), '2a00:1450::3');
    assert.equal(clientFromForwardedFor('::2%25;id', 1), '');
    // IIS writes the space after a comma as `+` (W3C fields hold no spaces).
    assert.equal(clientFromForwardedFor('198.51.100.7,+2001:DB8:0:0:0:0:0:1', 1), '2001:db8::1');
    assert.equal(clientFromForwardedFor('198.51.100.7,+10.0.0.5', 2), '198.51.100.7');
  });
});
