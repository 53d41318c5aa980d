import type { Attacker } from './attackers.js';

export type BlocklistFormat = 'plain' | 'nginx' | 'ipset';

/**
 * Days a blocklist entry (and a STIX indicator) stays valid when no expiry is asked for: the one
 * default of `vigie export`, `/api/export/blocklist` and the dashboard's Exports page. A week:
 * attacking addresses are often reassigned (cloud, residential), and a block must not outlive
 * its evidence; an analyst renews it from newer findings.
 */
export const DEFAULT_EXPIRES_DAYS = 7;

export const BLOCKLIST_FORMATS: readonly BlocklistFormat[] = ['plain', 'nginx', 'ipset'];

export interface BlocklistOptions {
  format: BlocklistFormat;
  /** Entries expire this many days after `now`: blocks must not outlive the evidence. */
  expiresDays: number;
  now: Date;
  /** Addresses that may be blocked; the entry point excludes private and reserved space. */
  blockable: (ip: string) => boolean;
  /** ipset set name prefix (default `vigie`): sets are `<name>-v4` and `<name>-v6`. */
  setName?: string;
}

/**
 * A blocklist of attacking addresses: a plain list, an nginx `deny` include, or an
 * `ipset restore` file whose entries time out by themselves.
 *
 * @example
 * renderBlocklist(attackers, { format: 'nginx', expiresDays: 7, now: new Date(), blockable: () => true })
 * // '# vigie blocklist ... expires 2026-12-05T...\ndeny 203.0.113.7; # sqli, xss\n'
 */
export function renderBlocklist(attackers: readonly Attacker[], options: BlocklistOptions): string {
  const expires = new Date(options.now.getTime() + options.expiresDays * 86_400_000).toISOString();
  const entries = attackers.filter((a) => options.blockable(a.ip));
  const header = [
    `# vigie blocklist: ${entries.length} attacking addresses, generated ${options.now.toISOString()}, expires ${expires}`,
    `# skipped ${attackers.length - entries.length} private or reserved addresses`,
  ];
  const why = (a: Attacker): string => `${a.classes.join(', ')}; ${a.verdict}${a.country ? ` ${a.country}` : ''}`.replace(/[\r\n]/g, ' ');
  switch (options.format) {
    case 'plain':
      return [...header, ...entries.map((a) => a.ip)].join('\n') + '\n';
    case 'nginx':
      return [...header, `# include this file in an http, server or location block; remove it after ${expires}`, ...entries.map((a) => `deny ${a.ip}; # ${why(a)}`)].join('\n') + '\n';
    case 'ipset': {
      const name = options.setName ?? 'vigie';
      const timeout = Math.max(1, Math.round(options.expiresDays * 86_400));
      return [
        ...header,
        `create ${name}-v4 hash:ip family inet timeout ${timeout} -exist`,
        `create ${name}-v6 hash:ip family inet6 timeout ${timeout} -exist`,
        ...entries.map((a) => `add ${name}-${a.ip.includes(':') ? 'v6' : 'v4'} ${a.ip} timeout ${timeout} -exist`),
      ].join('\n') + '\n';
    }
  }
}
