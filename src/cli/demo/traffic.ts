import { buildAttackers } from './attacks.js';
import { DEMO_CAMPAIGNS } from './campaigns.js';
import { buildClients } from './clients.js';
import { clfTimestamp, type DemoRequest, formatCombined } from './log-line.js';
import { demoDataPath, loadAttackPayloads } from './payloads.js';
import { Prng } from './prng.js';
import { Apportioner, campaignWeights, normalWeights } from './schedule.js';
import { VisitStream } from './visits.js';

/** Options of {@link generateTraffic}. */
export interface TrafficOptions {
  /** Number of log lines. Default 1,000,000. */
  lines?: number;
  /** Distinct normal visitors. Default lines / 50 (20,000 for 1M lines), at least 20. */
  clients?: number;
  /** Fraction of lines that belong to attack campaigns. Default 0.03. */
  attackShare?: number;
  /** First moment of the log (UTC). Default 2025-04-28T00:00:00Z, a federal election day. */
  start?: Date;
  /** Length of the log in days. Default one day per million lines, at least 1. */
  days?: number;
  /** Seed: same seed and options, same lines. Default 2025. */
  seed?: number | string;
  /** Attack payload file. Default data/demo/attack-payloads.jsonl. */
  payloadsPath?: string;
}

/** A generated line with its ground truth, for tests and for scoring detections. */
export interface TrafficRecord {
  readonly line: string;
  /** Unix seconds of the line's timestamp. */
  readonly time: number;
  /** Campaign id (see DEMO_CAMPAIGNS) or null for normal traffic. */
  readonly campaign: string | null;
}

/**
 * Generates a deterministic combined-format access log with its ground truth, streaming:
 * memory stays bounded whatever the number of lines.
 *
 * @example
 * for (const r of generateTrafficRecords({ lines: 3, seed: 1 })) console.log(r.campaign, r.line);
 */
export function* generateTrafficRecords(options: TrafficOptions = {}): Generator<TrafficRecord> {
  const lines = Math.max(0, Math.floor(options.lines ?? 1_000_000));
  const rng = new Prng(options.seed ?? 2025);
  const startSecs = Math.floor((options.start ?? new Date('2025-04-28T00:00:00Z')).getTime() / 1000);
  const minutes = Math.max(1, options.days ?? Math.ceil(lines / 1_000_000)) * 1440;
  const attackLines = Math.round(lines * (options.attackShare ?? 0.03));

  const clients = buildClients(Math.max(20, options.clients ?? Math.round(lines / 50)), rng.fork('clients'));
  const visits = new VisitStream(clients, rng.fork('visits'));
  const attackers = buildAttackers(rng.fork('attackers'), loadAttackPayloads(options.payloadsPath ?? demoDataPath()));
  const ids: (string | null)[] = [null, ...DEMO_CAMPAIGNS.map((c) => c.id)];
  const makers: (() => DemoRequest)[] = [() => visits.next()];
  const lanes = [new Apportioner(lines - attackLines, normalWeights(startSecs, minutes))];
  let assigned = 0;
  DEMO_CAMPAIGNS.forEach((spec, i) => {
    const count = i === DEMO_CAMPAIGNS.length - 1 ? attackLines - assigned : Math.round(attackLines * spec.share);
    assigned += count;
    const attacker = attackers.get(spec.id);
    const campaignRng = rng.fork(spec.id);
    if (attacker === undefined) throw new Error(`vigie demo: no attacker for campaign ${spec.id}`);
    makers.push(() => attacker(campaignRng));
    lanes.push(new Apportioner(count, campaignWeights(spec, startSecs, minutes)));
  });

  const pickRng = rng.fork('interleave');
  const remaining = new Array<number>(lanes.length).fill(0);
  let lastSecond = -1;
  let stamp = '';
  for (let m = 0; m < minutes; m++) {
    let left = 0;
    for (let l = 0; l < lanes.length; l++) left += remaining[l] = (lanes[l] as Apportioner).take(m);
    const inMinute = left;
    for (let j = 0; j < inMinute; j++) {
      // Interleave lanes at random, in proportion to what each still has to emit this minute.
      let r = pickRng.int(left);
      let lane = 0;
      while (r >= (remaining[lane] as number)) r -= remaining[lane++] as number;
      remaining[lane]!--;
      left--;
      const second = startSecs + m * 60 + Math.floor((60 * j) / inMinute);
      if (second !== lastSecond) {
        lastSecond = second;
        stamp = clfTimestamp(second);
      }
      yield { line: formatCombined((makers[lane] as () => DemoRequest)(), stamp), time: second, campaign: ids[lane] ?? null };
    }
  }
}

/**
 * Generates a deterministic combined-format access log, one line (without newline) at a time.
 *
 * @example
 * const lines = [...generateTraffic({ lines: 1000, seed: 'demo' })];
 */
export function* generateTraffic(options: TrafficOptions = {}): Generator<string> {
  for (const record of generateTrafficRecords(options)) yield record.line;
}
