import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Attacker } from './attackers.js';
import { renderBlocklist } from './blocklist.js';
import { csvCell, renderCsv } from './csv.js';
import { renderStix } from './stix.js';

function attacker(ip: string, over: Partial<Attacker> = {}): Attacker {
  return {
    ip, first_seen: '2026-11-20 08:00:00', last_seen: '2026-11-20 17:30:00', attacks: 40, findings: 44, classes: ['sqli', 'xss'],
    rules: ['sqli-tokenizer'], max_severity: 4, country: 'CN', region: 'Shanghai', asn: 4812, org: 'China Telecom', network: 'residential',
    verdict: 'foreign', confidence: 0.9, reasons: ['Both databases place it in China.'], campaign_id: 'C-1a2b', ...over,
  };
}

test('CSV quotes what needs quoting and defuses spreadsheet formulas from log data', () => {
  assert.equal(csvCell('plain'), 'plain');
  assert.equal(csvCell('a,b'), '"a,b"');
  assert.equal(csvCell('say "hi"'), '"say ""hi"""');
  assert.equal(csvCell('=HYPERLINK("http://x")'), `"'=HYPERLINK(""http://x"")"`);
  assert.equal(csvCell(-3), '-3');
  const csv = renderCsv([attacker('203.0.113.7', { org: '@evil, inc' })]).split('\r\n');
  assert.equal(csv[0]!.split(',')[0], 'ip');
  assert.match(csv[1]!, /^203\.0\.113\.7,/);
  assert.match(csv[1]!, /"'@evil, inc"/);
  assert.match(csv[1]!, /sqli; xss/);
});

test('blocklists skip what must never be blocked and say when they expire', () => {
  const list = [attacker('198.51.100.4'), attacker('10.0.0.8'), attacker('2001:db8::9')];
  const blockable = (ip: string): boolean => ip !== '10.0.0.8';
  const now = new Date('2026-11-28T00:00:00Z');
  const plain = renderBlocklist(list, { format: 'plain', expiresDays: 7, now, blockable });
  assert.match(plain, /expires 2026-12-05T00:00:00.000Z/);
  assert.deepEqual(plain.split('\n').filter((l) => l && !l.startsWith('#')), ['198.51.100.4', '2001:db8::9']);
  const nginx = renderBlocklist(list, { format: 'nginx', expiresDays: 7, now, blockable });
  assert.match(nginx, /^deny 198\.51\.100\.4; # sqli, xss; foreign CN$/m);
  assert.doesNotMatch(nginx, /10\.0\.0\.8/);
  const ipset = renderBlocklist(list, { format: 'ipset', expiresDays: 2, now, blockable });
  assert.match(ipset, /^create vigie-v4 hash:ip family inet timeout 172800 -exist$/m);
  assert.match(ipset, /^add vigie-v6 2001:db8::9 timeout 172800 -exist$/m);
});

test('a STIX 2.1 bundle: every reference resolves, ids are stable, attribution rides in notes', () => {
  const campaign = {
    id: 'C-1a2b', clients: 1, requests: 40, first_seen: '2026-11-20 08:00:00', last_seen: '2026-11-20 17:30:00', classes: ['sqli'],
    countries: { CA: 1 }, networks: { types: { hosting: 1 }, operators: { 'Example Hosting': 1 } }, verdict: 'obscured', obscured_share: 1, utc_offset_hours: 8, confidence: 0.7, reasons: ['Active 01:00-10:00 UTC.'],
    reasons_fr: ['Activité de 1 h à 10 h UTC.'], operator: null,
  };
  const options = { producer: 'Elections Test', now: new Date('2026-11-28T00:00:00Z'), validDays: 7 };
  const bundle = renderStix([attacker('203.0.113.7'), attacker('2001:db8::5', { campaign_id: null })], [campaign], options) as { type: string; id: string; objects: Array<Record<string, unknown>> };
  assert.equal(bundle.type, 'bundle');
  assert.match(bundle.id, /^bundle--[0-9a-f-]{36}$/);
  const ids = new Set(bundle.objects.map((o) => o.id as string));
  assert.equal(ids.size, bundle.objects.length, 'no duplicate ids');
  for (const o of bundle.objects) {
    assert.match(o.id as string, new RegExp(`^${o.type as string}--[0-9a-f]{8}-[0-9a-f]{4}-[45][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`));
    assert.equal(o.spec_version, '2.1');
    for (const key of ['created_by_ref', 'sighting_of_ref', 'source_ref', 'target_ref']) if (o[key]) assert.ok(ids.has(o[key] as string), `${key} resolves`);
    for (const ref of [...((o.object_refs as string[]) ?? []), ...((o.where_sighted_refs as string[]) ?? [])]) assert.ok(ids.has(ref), 'ref resolves');
  }
  const types = bundle.objects.map((o) => o.type);
  assert.deepEqual([...new Set(types)].sort(), ['campaign', 'identity', 'indicator', 'ipv4-addr', 'ipv6-addr', 'note', 'relationship', 'sighting']);
  const indicator = bundle.objects.find((o) => o.type === 'indicator' && (o.pattern as string).includes('203.0.113.7'))!;
  assert.equal(indicator.pattern, "[ipv4-addr:value = '203.0.113.7']");
  assert.equal(indicator.valid_until, '2026-11-27T17:30:00.000Z');
  const note = bundle.objects.find((o) => o.type === 'note' && (o.object_refs as string[]).includes(indicator.id as string))!;
  assert.match(note.content as string, /foreign.*China Telecom/s);
  assert.equal(bundle.objects.filter((o) => o.type === 'relationship').length, 1, 'only the campaign member indicates it');
  // STIX notes are for threat-intelligence platforms: the campaign's reasons stay in English.
  const campaignNote = bundle.objects.find((o) => o.type === 'note' && String(o.content).startsWith('Verdict obscured'))!;
  assert.match(campaignNote.content as string, /Active 01:00-10:00 UTC\./);
  assert.doesNotMatch(campaignNote.content as string, /Activité/);
  const again = renderStix([attacker('203.0.113.7')], [], options) as { objects: Array<{ id: string }> };
  assert.ok(again.objects.every((o) => ids.has(o.id)), 'the same evidence gets the same ids');
});
