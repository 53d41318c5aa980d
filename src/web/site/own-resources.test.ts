import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'node:test';
import { DuckDbStore } from '../../store/index.js';
import { runCli } from '../../testing/run-cli.js';
import { decideOwnResource, folderOf } from './index.js';

const dir = mkdtempSync(join(tmpdir(), 'vigie-site-test-'));
test.after(() => rmSync(dir, { recursive: true, force: true }));

// A small technical blog's day, in the combined format (no Host field): readers browse
// articles and tag pages from the site's own links, crawlers fetch tag pages without a
// Referer, articles link example configuration files, and a SQL tutorial has a broken link
// whose text is a payload. Attackers probe the same site, some with forged Referers.
const SITE = 'https://blog.example.org';
const POSTS = ['isc-dhcp-setup', 'bind-zones', 'nginx-tls', 'sql-injection-explained', 'bash-loops', 'postgres-backups', 'python-venv', 'git-hooks'];
const TAGS = ['shell', 'mysql', 'script', 'python', 'networking', 'dns', 'security', 'linux', 'backups', 'tls'];
/** A tag page only crawlers fetch: nothing links to it in the log but its folder of pages. */
const CRAWLED_TAG = 'phpmyadmin';
const READER = 'Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0';
const CRAWLERS: Array<[string, string]> = [
  ['66.249.66.1', 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)'],
  ['157.55.39.10', 'Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)'],
  ['5.255.253.2', 'Mozilla/5.0 (compatible; YandexBot/3.0; +http://yandex.com/bots)'],
];
const BROKEN_LINK = "/blog/posts/sql-injection-explained/'%20OR%20'1'='1";
/** An Indonesian Opera Mini: its locale token `; id)` is no shell command. */
const OPERA_MINI_ID = 'Opera/9.80 (Android; Opera Mini/7.5.33361/191.227; U; id) Presto/2.12.423 Version/12.16';
/** A broken link in a shell article, `"file://$file"` pasted into the href, that crawlers follow. */
const SHELL_LINK = '/blog/posts/bash-loops/%22file://$file%22';
/** Real attacks in the same log, each with a token the look-alikes share: `; id`, `file://`, `shell`. */
const ATTACKS: Array<[string, string, string]> = [
  ['203.0.113.70', '/blog/posts/bash-loops', '() { :; }; /bin/bash -c id'],
  ['203.0.113.71', '/blog/search?q=x%3Bid', READER],
  ['203.0.113.72', '/blog/download?file=file:///etc/passwd', READER],
  ['203.0.113.73', '/blog/tags/shell?cmd=cat%20/etc/shadow', READER],
];

function blogLog(): string {
  const lines: string[] = [];
  let second = 0;
  const line = (ip: string, path: string, status: number, referer: string, ua: string): void => {
    const t = new Date(Date.UTC(2026, 2, 10, 8, 0, second++));
    const stamp = `${String(t.getUTCDate()).padStart(2, '0')}/Mar/2026:${t.toISOString().slice(11, 19)} +0000`;
    lines.push(`${ip} - - [${stamp}] "GET ${path} HTTP/1.1" ${status} 5120 "${referer}" "${ua}"`);
  };
  for (let r = 0; r < 30; r++) {
    const ip = `198.51.100.${r + 10}`;
    const post = POSTS[r % POSTS.length]!;
    line(ip, '/', 200, 'https://www.google.com/', READER);
    line(ip, `/blog/posts/${post}`, 200, `${SITE}/`, READER);
    line(ip, `/blog/tags/${TAGS[r % TAGS.length]!}`, 200, `${SITE}/blog/posts/${post}`, READER);
    line(ip, `/blog/posts/${POSTS[(r + 3) % POSTS.length]!}`, 200, `${SITE}/blog/tags/${TAGS[r % TAGS.length]!}`, READER);
    if (r % 3 === 0) line(ip, '/files/dhcpd.conf', 200, `${SITE}/blog/posts/isc-dhcp-setup`, READER);
    if (r % 5 === 1) line(ip, '/login.php', 200, `${SITE}/`, READER);
    if (r % 6 === 2) line(ip, BROKEN_LINK, 404, `${SITE}/blog/posts/sql-injection-explained`, READER);
  }
  for (let r = 0; r < 6; r++) {
    const ip = `198.51.100.${r + 100}`;
    line(ip, '/', 200, 'https://www.google.co.id/', OPERA_MINI_ID);
    line(ip, `/blog/posts/${POSTS[r % POSTS.length]!}`, 200, `${SITE}/`, OPERA_MINI_ID);
    line(ip, '/blog/tags/shell', 200, `${SITE}/blog/posts/bash-loops`, OPERA_MINI_ID);
  }
  for (const [ip, ua] of CRAWLERS) {
    for (const tag of [...TAGS, CRAWLED_TAG]) line(ip, `/blog/tags/${tag}`, 200, '-', ua);
    line(ip, SHELL_LINK, 404, '-', ua);
  }
  for (const [ip, path, ua] of ATTACKS) line(ip, path, 404, '-', ua);
  // A leaked /.env, answered to five scanners: served to many, linked by nothing.
  for (let k = 0; k < 5; k++) line(`203.0.113.${k + 1}`, '/.env', 200, '-', 'python-requests/2.31');
  // One prober forges the site's own pages as Referer, for a payload and a console.
  line('203.0.113.66', "/blog/posts/x'%20or%201=1--", 404, `${SITE}/blog/posts/bash-loops`, READER);
  line('203.0.113.66', '/phpmyadmin/', 404, `${SITE}/`, READER);
  return lines.join('\n') + '\n';
}

test('findings on pages the site serves and links itself are set aside, with the reason; probes stay', async () => {
  const log = join(dir, 'blog.log');
  writeFileSync(log, blogLog());
  const db = join(dir, 'blog.duckdb');
  const out = join(dir, 'blog.json');
  const r = await runCli(['web', 'analyze', log, '--db', db, '--json', out, '--no-geo', '--quiet']);
  assert.equal(r.code, 0, r.stderr);
  const summary = JSON.parse(readFileSync(out, 'utf8')) as { findings_set_aside: { findings: number; by_rule: Record<string, number> }; requests_flagged: number };
  const store = await DuckDbStore.open(db);
  try {
    const aside = await store.query(`SELECT a.rule, r.path, a.set_aside_reason FROM findings_set_aside a JOIN requests r USING (run_id, source_id, line) ORDER BY r.path, a.rule`);
    const asidePaths = new Set(aside.map((a) => String(a.path)));
    assert.deepEqual([...asidePaths].sort(), ['/blog/tags/phpmyadmin', '/files/dhcpd.conf', '/login.php', BROKEN_LINK].sort());
    const conf = aside.find((a) => a.path === '/files/dhcpd.conf')!;
    assert.equal(conf.rule, 'protocol-restricted-extension');
    // Ten readers fetched it from the article; two of them also opened /login.php (flagged too
    // at first), and a client flagged on another path does not count: eight.
    assert.match(String(conf.set_aside_reason), /^set aside: the site serves \/files\/dhcpd\.conf \(2xx to 8 clients\) and links it from its own pages \(\/blog\/posts\/isc-dhcp-setup; 8 clients followed\)$/);
    assert.match(String(aside.find((a) => a.path === '/blog/tags/phpmyadmin')!.set_aside_reason), /among \d+ other pages of \/blog\/tags\/$/);
    // Five readers followed it; one of them also opened /login.php: four.
    assert.match(String(aside.find((a) => a.path === BROKEN_LINK)!.set_aside_reason), /^set aside: 4 clients followed a link to .* on the site's own pages \(\/blog\/posts\/sql-injection-explained\)$/);
    assert.equal(summary.findings_set_aside.findings, aside.length);

    // What stays: the leak served to scanners, the forged-referer probes.
    const kept = await store.query(`SELECT DISTINCT r.path FROM findings f JOIN requests r USING (run_id, source_id, line) WHERE f.scope = 'request'`);
    const keptPaths = kept.map((k) => String(k.path)).sort();
    for (const p of ['/.env', "/blog/posts/x'%20or%201=1--", '/phpmyadmin/']) assert.ok(keptPaths.includes(p), `${p} stays flagged`);
    // The Opera Mini readers, the crawlers on tag pages and on the `"file://$file"` link raise
    // nothing at all, kept or set aside; the attacks sharing their tokens stay flagged.
    const quiet = await store.query(`SELECT r.path, f.rule FROM findings f JOIN requests r USING (run_id, source_id, line)
      WHERE f.scope = 'request' AND (r.path LIKE '/blog/tags/%' OR r.path = '${SHELL_LINK}' OR r.user_agent = '${OPERA_MINI_ID}')
        AND r.ip NOT LIKE '203.0.113.%'`);
    assert.deepEqual(quiet, [], 'look-alikes stay quiet');
    const [present] = await store.query(`SELECT count(*) AS n FROM requests WHERE path = '${SHELL_LINK}' OR user_agent = '${OPERA_MINI_ID}'`);
    assert.equal(Number(present!.n), CRAWLERS.length + 6 * 3, 'the look-alikes were stored as logged');
    const onSite = aside.filter((a) => String(a.path).startsWith('/blog/tags/') && a.path !== '/blog/tags/phpmyadmin' || a.path === SHELL_LINK);
    assert.deepEqual(onSite, [], 'tag pages and the shell link are not even set aside: no rule fires on them');
    const attacked = await store.query(`SELECT DISTINCT ip FROM clients WHERE flagged_requests > 0 AND ip IN (${ATTACKS.map(([ip]) => `'${ip}'`).join(', ')}) ORDER BY ip`);
    assert.deepEqual(attacked.map((c) => String(c.ip)), ATTACKS.map(([ip]) => ip), 'every attack sharing a look-alike token is flagged');
    for (const p of asidePaths) assert.ok(!keptPaths.includes(p), `${p} no longer flagged`);
    // The requests set aside no longer count: not flagged, and crawlers and readers are no flagged clients.
    const [flagged] = await store.query(`SELECT count(*) AS n FROM events WHERE flagged`);
    assert.equal(Number(flagged!.n), summary.requests_flagged);
    const clients = await store.query(`SELECT ip FROM clients WHERE flagged_requests > 0 ORDER BY ip`);
    assert.ok(clients.every((c) => String(c.ip).startsWith('203.0.113.')), `flagged clients: ${clients.map((c) => c.ip).join(', ')}`);
  } finally {
    await store.close();
  }
});

test('the rule: served and linked, or served among a folder of pages; payloads only when the site links them', () => {
  const e = { path: '/x/y.conf', servedClients: 3, linkedClients: 0, linkingPage: null, folder: '/x/', folderPages: 4 };
  assert.equal(decideOwnResource('protocol', e), null, 'served, but neither linked nor among enough pages');
  assert.match(decideOwnResource('protocol', { ...e, folderPages: 5 })!, /among 5 other pages of \/x\/$/);
  assert.match(decideOwnResource('protocol', { ...e, linkedClients: 1, linkingPage: '/a' })!, /links it from its own pages \(\/a; 1 client followed\)/);
  assert.equal(decideOwnResource('protocol', { ...e, servedClients: 2, linkedClients: 9, linkingPage: '/a' }), null, 'not served to enough clients');
  assert.equal(decideOwnResource('sensitive_file', { ...e, folder: null, folderPages: 0 }), null, 'a file at the root served to scanners');
  assert.equal(decideOwnResource('sqli', { ...e, linkedClients: 2, linkingPage: '/a' }), null, 'a payload needs three clients following the link');
  assert.match(decideOwnResource('sqli', { ...e, servedClients: 0, linkedClients: 3, linkingPage: '/a' })!, /3 clients followed a link/);
  assert.equal(folderOf('/blog/tags/shell'), '/blog/tags/');
  assert.equal(folderOf('/.env'), null);
});
