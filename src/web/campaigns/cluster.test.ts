import assert from 'node:assert/strict';
import test from 'node:test';
import type { ClientProfile } from './client-profile.js';
import { normaliseUserAgent } from './client-profile.js';
import { clusterClients } from './cluster.js';
import { linkKind, similarity, weightedJaccard } from './link-clients.js';

const OFFICE = Array.from({ length: 24 }, (_, h) => (h >= 1 && h < 10 ? 5 : 0));
const NIGHT = Array.from({ length: 24 }, (_, h) => (h >= 20 ? 5 : 0));

function client(ip: string, p: { uas?: string[]; classes: string[]; rules?: string[]; paths?: string[]; hours?: number[] }): ClientProfile {
  return {
    ip, requests: 50, flaggedRequests: 40, firstSeen: '2025-04-28 01:00:00', lastSeen: '2025-04-28 09:00:00',
    userAgents: new Map((p.uas ?? []).map((u) => [u, 4])), allUserAgents: new Map((p.uas ?? []).map((u) => [u, 20])),
    rules: new Set(p.rules ?? p.classes.map((c) => `${c}-rule`)), classes: new Set(p.classes),
    paths: new Map((p.paths ?? []).map((x) => [x, 5])), encodings: new Set(['percent']), hours: p.hours ?? OFFICE, days: new Set(['2025-04-28']),
  };
}

const groupsOf = (profiles: ClientProfile[]): string[][] =>
  clusterClients(profiles).map((g) => g.members.map((m) => m.ip).sort()).sort((a, b) => a[0]!.localeCompare(b[0]!));

test('clients with the same rare tool and attack classes form one campaign', () => {
  const groups = groupsOf([
    client('10.0.0.1', { uas: ['toolA/1.0'], classes: ['sqli', 'xss'] }),
    client('10.0.0.2', { uas: ['toolA/1.0'], classes: ['sqli', 'xss', 'ssti'] }),
    client('10.0.0.3', { uas: ['toolA/1.0'], classes: ['xss'] }),
  ]);
  assert.deepEqual(groups, [['10.0.0.1', '10.0.0.2', '10.0.0.3']]);
});

test('a shared common tool without shared weaknesses or hours does not merge two operators', () => {
  // Both use curl, but one injects commands round the clock, the other XSS in the evening.
  const groups = groupsOf([
    client('10.0.1.1', { uas: ['curl/8.5.0', 'python-requests/2.32.3'], classes: ['cmdi', 'rfi'], hours: new Array<number>(24).fill(2) }),
    client('10.0.1.2', { uas: ['curl/8.5.0', 'python-requests/2.32.3'], classes: ['cmdi', 'lfi'], hours: new Array<number>(24).fill(2) }),
    client('10.0.2.1', { uas: ['curl/8.5.0', 'Firefox/137.0'], classes: ['xss', 'sqli'], hours: NIGHT }),
  ]);
  assert.deepEqual(groups, [['10.0.1.1', '10.0.1.2'], ['10.0.2.1']]);
});

test('scanners with different user agents but the same rare target list are one campaign', () => {
  const probes = ['/.env', '/.git/config', '/wp-login.php', '/phpmyadmin/', '/server-status'];
  const a = client('10.0.3.1', { uas: ['Nikto/2.5.0'], classes: ['scanner', 'sensitive_file'], paths: probes });
  const b = client('10.0.3.2', { uas: ['Chrome/120 fixed'], classes: ['sensitive_file'], paths: probes.slice(0, 4) });
  assert.equal(linkKind(similarity(a, b)), 'same-targets');
  assert.deepEqual(groupsOf([a, b]), [['10.0.3.1', '10.0.3.2']]);
});

test('the grouping does not depend on the order of the clients', () => {
  const profiles = [
    client('10.0.0.1', { uas: ['toolA/1.0'], classes: ['sqli'] }),
    client('10.0.4.1', { uas: ['toolB/2.0'], classes: ['cmdi'] }),
    client('10.0.0.2', { uas: ['toolA/1.0'], classes: ['sqli'] }),
    client('10.0.4.2', { uas: ['toolB/2.0'], classes: ['cmdi'] }),
  ];
  const expected = [['10.0.0.1', '10.0.0.2'], ['10.0.4.1', '10.0.4.2']];
  assert.deepEqual(groupsOf(profiles), expected);
  assert.deepEqual(groupsOf([...profiles].reverse()), expected);
});

test('weighted Jaccard counts rare tokens by weight', () => {
  assert.equal(weightedJaccard(new Map([['a', 3]]), new Map([['a', 3]])), 1);
  assert.equal(weightedJaccard(new Map([['a', 3], ['b', 1]]), new Map([['a', 3]])), 0.75);
  assert.equal(weightedJaccard(new Map(), new Map()), 0);
});

test('Nikto test counters do not split one tool', () => {
  assert.equal(
    normaliseUserAgent('Mozilla/5.00 (Nikto/2.5.0) (Evasions:None) (Test:000777)'),
    normaliseUserAgent('Mozilla/5.00 (Nikto/2.5.0) (Evasions:None) (Test:000814)'),
  );
  assert.notEqual(normaliseUserAgent('Chrome/109.0.0.0'), normaliseUserAgent('Chrome/135.0.0.0'));
});
