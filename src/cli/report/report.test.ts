import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it, type TestContext } from 'node:test';
import { corpus } from '../../testing/corpora.js';
import { printedPages, type PrintedPage } from '../../testing/pdf-pages.js';
import { runCli } from '../../testing/run-cli.js';
import { writeTrafficFile } from '../demo/write-traffic.js';

describe('vigie report and vigie export, on analysed logs', () => {
  let dir = '';
  let db = '';
  let summary: { parsed: number; requests_flagged: number; clients: number; clients_flagged: number; campaigns: unknown[] };

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'vigie-report-'));
    db = join(dir, 'vigie.duckdb');
    // Real scanner traffic (private lab addresses) and demo traffic from public addresses.
    const demo = join(dir, 'demo.log');
    writeTrafficFile(demo, { lines: 20_000, seed: 7 });
    const analysed = await runCli(['web', 'analyze', corpus('http/scanner-access-logs/w3af.access.log'), demo, '--db', db, '--json', '-', '--quiet']);
    assert.equal(analysed.code, 0, analysed.stderr);
    summary = JSON.parse(analysed.stdout);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('reports the same totals as the analysis, and its origin split adds up', async () => {
    const r = await runCli(['report', '--db', db, '--format', 'json']);
    assert.equal(r.code, 0, r.stderr);
    const report = JSON.parse(r.stdout);
    assert.equal(report.totals.requests, summary.parsed);
    assert.equal(report.totals.attacks, summary.requests_flagged);
    assert.equal(report.totals.clients, summary.clients);
    assert.equal(report.totals.flagged_clients, summary.clients_flagged);
    const origins = Object.values(report.origins) as Array<{ attacks: number; flagged_clients: number }>;
    assert.equal(origins.reduce((s, o) => s + o.flagged_clients, 0), summary.clients_flagged);
    assert.ok(report.by_class.length > 0 && report.top_targets.length > 0);
  });

  it('writes French Markdown and escaped HTML', async () => {
    const md = await runCli(['report', '--db', db, '--format', 'md', '--lang', 'fr']);
    assert.equal(md.code, 0, md.stderr);
    assert.match(md.stdout, /^# Attaques Web et leur provenance/);
    assert.match(md.stdout, /D’où venaient les attaques/);
    assert.match(md.stdout, /Géolocalisation IP par DB-IP/);
    // Campaign reasons in French too, not the English sentences of the analysis.
    assert.ok(summary.campaigns.length > 0, 'the demo traffic has campaigns');
    assert.match(md.stdout, /charges utiles\u00a0: /);
    assert.match(md.stdout, /pays des adresses\u00a0: /);
    assert.doesNotMatch(md.stdout, /payloads: |address countries: /);
    // Network types, unknown operators and data sets named in French as well.
    assert.match(md.stdout, /\*\*Réseaux\*\*: (résidentiel|hébergement|Tor|RPV|inconnu) \(/);
    assert.doesNotMatch(md.stdout, /\b(residential|hosting|unknown) \(\d/);
    assert.match(md.stdout, /listes de réseaux \d{4}-\d\d-\d\d/);
    assert.doesNotMatch(md.stdout, /network lists|registry delegations/);
    const out = join(dir, 'r.html');
    const html = await runCli(['report', '--db', db, '--format', 'html', '--out', out]);
    assert.equal(html.code, 0, html.stderr);
    const page = readFileSync(out, 'utf8');
    assert.match(page, /<html lang="en-CA">/);
    assert.match(page, /href="https:\/\/db-ip\.com"/);
    assert.doesNotMatch(page, /<script/i, 'no script: a target path like <script> stays text');
  });

  it('prints a PDF with headless Chromium', async () => {
    const out = join(dir, 'r.pdf');
    const r = await runCli(['report', '--db', db, '--format', 'pdf', '--lang', 'fr', '--out', out]);
    assert.equal(r.code, 0, r.stderr);
    const pdf = readFileSync(out);
    assert.equal(pdf.subarray(0, 5).toString(), '%PDF-');
    assert.ok(pdf.length > 10_000);
  });

  // Reports asked once and shared by the tests below (each CLI start costs seconds on a loaded machine);
  // ask them one at a time: a report holds the database while it records itself in the audit log.
  const reports = new Map<string, Promise<string>>();
  const report = (lang: 'en' | 'fr', format: 'md' | 'html' | 'json'): Promise<string> => {
    const key = `${lang}.${format}`;
    if (!reports.has(key)) {
      reports.set(key, runCli(['report', '--db', db, '--format', format, '--lang', lang]).then((r) => {
        assert.equal(r.code, 0, r.stderr);
        return r.stdout;
      }));
    }
    return reports.get(key)!;
  };
  const words = (s: string): string => s.replace(/[\s\u00a0\u202f]+/g, ' ').trim();

  /** Print the report in `lang` and check every page as an image and as text. */
  const checkPrinted = async (t: TestContext, lang: 'en' | 'fr', title: string, pageOf: string, contents: string): Promise<void> => {
    const out = join(dir, `print-${lang}.pdf`);
    const r = await runCli(['report', '--db', db, '--format', 'pdf', '--lang', lang, '--out', out]);
    assert.equal(r.code, 0, r.stderr);
    const md = await report(lang, 'md');
    const headings = [...md.matchAll(/^#{2,3} (.+)$/gm)].map((m) => words(m[1]!.replace(/\\(.)/g, '$1')));
    const sections = [...md.matchAll(/^## (.+)$/gm)].map((m) => words(m[1]!.replace(/\\(.)/g, '$1')));
    const raw = printedPages(out);
    const pages = raw.map((p) => ({ ...p, lines: p.lines.map(words) }));
    t.diagnostic(`${lang}: ${pages.length} pages, filled ${pages.map((p) => `${Math.round(p.fill * 100)}%`).join(' ')}`);
    assert.ok(pages.length >= 5, `${lang}: a report with several campaigns runs over 4 pages (${pages.length})`);
    for (const p of pages) {
      const where = `${lang} page ${p.number}/${pages.length}`;
      if (p.number < pages.length) assert.ok(p.fill >= 0.3, `${where} is only ${Math.round(p.fill * 100)}% filled`);
      // The footer: the report's title and "Page 3 of 7".
      assert.match(p.lines.at(-1) ?? '', new RegExp(`^${title}\\s+Page ${p.number} ${pageOf} ${pages.length}$`), `${where}: footer`);
      // The last line of text: never a heading, nor the start or end of one that wrapped.
      const last = p.lines.at(-2) ?? '';
      const heading = headings.find((h) => h === last || (last.length >= 4 && (h.startsWith(last) || h.endsWith(last))));
      assert.equal(heading, undefined, `${where} ends on the heading "${heading}"`);
    }
    // The contents, on page 1: every section with the page it starts on.
    const first = raw[0]!.lines.map((l) => l.trim());
    assert.ok(first.includes(contents), `${lang}: contents on page 1`);
    const toc = new Map(first.slice(first.indexOf(contents) + 1).map((l) => /^(.+?)\s{2,}(\d+)$/.exec(l)).filter((m) => m !== null).map((m) => [words(m[1]!), Number(m[2])]));
    for (const s of sections) {
      const page = toc.get(s);
      assert.ok(page !== undefined, `${lang}: "${s}" in the contents`);
      // A long heading wraps: its first words start a line (a contents line ends with its page number).
      const on = (q: PrintedPage): boolean => q.lines.some((l) => l === s || (s.length > 40 && l.startsWith(s.slice(0, 30)) && !/ \d+$/.test(l)));
      assert.ok(on(pages[page - 1]!) && !pages.slice(0, page - 1).some(on), `${lang}: "${s}" starts on page ${page}, as the contents say`);
    }
  };

  it('prints an English PDF that reads well: pages filled, no heading last on a page, title and page numbers in every footer, contents with the right pages', (t) =>
    checkPrinted(t, 'en', 'Web attacks and their origin', 'of', 'Contents'));

  it('prints a French PDF that reads well, as the English one', (t) => checkPrinted(t, 'fr', 'Attaques Web et leur provenance', 'sur', 'Table des matières'));

  it('prints a report of 4 pages or fewer without contents, still with its footers', async () => {
    // The w3af scanner log alone (December 2016).
    const out = join(dir, 'short.pdf');
    const r = await runCli(['report', '--db', db, '--format', 'pdf', '--lang', 'fr', '--from', '2016-12-22', '--to', '2016-12-31', '--out', out]);
    assert.equal(r.code, 0, r.stderr);
    const pages = printedPages(out);
    assert.ok(pages.length >= 1 && pages.length <= 4, `${pages.length} pages`);
    assert.ok(!pages.some((p) => p.lines.some((l) => l.trim() === 'Table des matières')));
    pages.forEach((p) => assert.match(p.lines.at(-1) ?? '', new RegExp(`Page ${p.number} sur ${pages.length}$`)));
  });

  it('writes the French report in French: no English word, no raw identifier, numbers the French way', async () => {
    const [jsonText, frMd, frHtml, enMd] = [await report('en', 'json'), await report('fr', 'md'), await report('fr', 'html'), await report('en', 'md')];
    const json = JSON.parse(jsonText) as {
      campaigns: Array<{ networks: { operators: Record<string, number> } }>; top_targets: Array<{ path: string }>; sources: Array<{ path: string }>;
    };
    // Text from the logs and the data (operators, pages, files, quoted user agents) is not the report's language.
    const data = [...json.campaigns.flatMap((c) => Object.keys(c.networks.operators)), ...json.top_targets.map((p) => p.path), ...json.sources.map((s) => s.path)]
      .sort((a, b) => b.length - a.length);
    const prose = (text: string): string => {
      let out = text.replace(/«[^»]*»|(?<=(?:user agents?|agents? utilisateurs?) )'[^']*'(?:, '[^']*')*|https?:\/\/\S+/g, ' ');
      for (const d of data) out = out.split(d).join(' ');
      return out;
    };
    const htmlText = frHtml.replace(/<style>[^]*?<\/style>/, '').replace(/<[^>]+>/g, ' ')
      .replace(/&#39;/g, "'").replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
    const english = /\b(the|and|of|from|with|by|unknown|hosting|residential|business|network lists|registry delegations|city|payloads?|encodings?|requests|addresses|pairs?|rules?|share|shares|user agent|Domestic|Foreign|Obscured|Unknown|Why|hours|days?|working|offset|lines|linked|probe|alike|Annex|Contents|Page \d+ of)\b/;
    const raw = /\b(sqli|xss|cmdi|lfi|rfi|ssti|ssrf|xxe|nosqli|ldapi|crlf|scanner|protocol|anomaly|scanning|flood|crawling|percent|double-percent|raw-bytes|unicode-escape|html-entity|vpn|cdn|relay|tor|[a-z0-9]+(?:_[a-z0-9]+)+)\b/;
    for (const [format, text] of [['md', frMd], ['html', htmlText]] as const) {
      const body = prose(text.replace(/\\(.)/g, '$1'));
      for (const line of body.split('\n')) {
        assert.doesNotMatch(line, english, `French ${format}, English word in: ${line.trim()}`);
        assert.doesNotMatch(line, raw, `French ${format}, raw identifier in: ${line.trim()}`);
        // 1 697, not 1697 (dates and years apart).
        assert.doesNotMatch(line.replace(/\d{4}-\d\d-\d\d|\d{1,2}(?:er)? \p{L}+ \d{4}|CC BY 4\.0/gu, ' '), /(?<![\w.,/-])\d{4,}(?![\w.,/-])/, `French ${format}, number without separator in: ${line.trim()}`);
      }
      assert.match(body, /Nationale/, 'the dashboard’s word for domestic');
      assert.doesNotMatch(body, /Canadienne/);
      assert.match(body, /Annexe\u00a0: détail technique des campagnes/);
    }
    // The English body names attack kinds in words too; ids stay out of the whole report.
    const rawEn = /\b(sqli|xss|cmdi|lfi|rfi|ssti|ssrf|xxe|nosqli|ldapi|crlf|double-percent|raw-bytes|unicode-escape|html-entity|vpn|cdn|[a-z0-9]+(?:_[a-z0-9]+)+)\b/;
    for (const line of prose(enMd.replace(/\\(.)/g, '$1')).split('\n')) assert.doesNotMatch(line, rawEn, `English, raw identifier in: ${line.trim()}`);
    assert.match(enMd, /\*\*Why\*\*: These \d+ addresses were grouped because they /);
  });

  it('exports a blocklist of public attackers only, and a STIX bundle and CSV of all', async () => {
    const block = await runCli(['export', 'blocklist', '--db', db, '--format', 'nginx', '--expires-days', '3']);
    assert.equal(block.code, 0, block.stderr);
    const denies = block.stdout.split('\n').filter((l) => l.startsWith('deny '));
    assert.ok(denies.length > 0);
    assert.ok(!denies.some((l) => l.startsWith('deny 192.168.')), 'the scanner lab (192.168/16) is never blocked');
    const stix = await runCli(['export', 'stix', '--db', db]);
    assert.equal(stix.code, 0, stix.stderr);
    const bundle = JSON.parse(stix.stdout) as { objects: Array<{ type: string }> };
    const csv = await runCli(['export', 'csv', '--db', db]);
    const rows = csv.stdout.trim().split('\r\n').length - 1;
    assert.equal(bundle.objects.filter((o) => o.type === 'indicator').length, rows);
    assert.equal(rows, summary.clients_flagged);
    assert.ok(csv.stdout.includes('192.168.4.163'));
  });

  it('fails in one line for a missing database or a bad date', async () => {
    const missing = await runCli(['report', '--db', join(dir, 'nope.duckdb')]);
    assert.equal(missing.code, 3);
    assert.match(missing.stderr, /^vigie: .*nope\.duckdb: no such database/);
    const bad = await runCli(['export', 'csv', '--db', db, '--from', '2026-13-01']);
    assert.equal(bad.code, 2);
    assert.equal(bad.stderr.trim().split('\n').length, 1);
  });

  it('refuses a period out of range (--to 9999-12-31, --from 0001-01-01) in one line with exit code 2, for report and every export', async () => {
    for (const command of [['report', '--format', 'json'], ['export', 'csv'], ['export', 'stix'], ['export', 'blocklist']]) {
      for (const [flag, value, message] of [['--to', '9999-12-31', /^vigie: --to 9999-12-31 is more than a year ahead; leave --to out/], ['--from', '0001-01-01', /^vigie: --from 0001-01-01 is before 1970-01-01/]] as const) {
        const res = await runCli([...command, '--db', db, flag, value]);
        assert.equal(res.code, 2, `${command.join(' ')} ${flag} ${value}: ${res.stderr}`);
        assert.match(res.stderr, message);
        assert.equal(res.stderr.trim().split('\n').length, 1);
      }
    }
  });
});
