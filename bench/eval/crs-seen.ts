/**
 * Development aid for the CRS signatures: lists the seen side's misses (`expect: match`
 * stages no detector reports) or its flagged `no_match` stages, never the held-out side's
 * (`crs-split.ts`), so a change is made by class from the rules in view only.
 *
 * Run: `node dist/bench/eval/crs-seen.js [misses|flags] [--family 942]`
 */
import { crsStages } from './crs.js';
import { crsSide } from './crs-split.js';
import { createScanner } from './scanner.js';

async function main(): Promise<void> {
  const what = process.argv[2] === 'flags' ? 'flags' : 'misses';
  const famAt = process.argv.indexOf('--family');
  const family = famAt < 0 ? undefined : process.argv[famAt + 1];
  const scan = await createScanner();
  for await (const s of crsStages()) {
    if (crsSide(s.rule_id) !== 'seen') continue;
    if (family !== undefined && !s.rule_file.includes(`-${family}-`)) continue;
    const findings = scan(s);
    const wanted = what === 'misses' ? s.expect === 'match' && findings.length === 0 : s.expect === 'no_match' && findings.length > 0;
    if (!wanted) continue;
    const headers = Object.entries((s.headers ?? {}) as Record<string, string>)
      .filter(([k]) => !/^(?:user-agent|host|accept)$/i.test(k) || !/OWASP CRS test agent|^localhost$|^text\/xml,application/.test(String((s.headers as Record<string, string>)[k])))
      .map(([k, v]) => `${k}: ${v}`);
    const out = { case: s.case_id, pl: s.rule_pl, method: s.method, uri: s.uri, headers, data: s.data, rules: findings.map((f) => `${f.rule}`) };
    process.stdout.write(`${JSON.stringify(out)}\n`);
  }
}

void main();
