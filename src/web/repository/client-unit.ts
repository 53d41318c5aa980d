import { ipv6ToGroups } from '../../core/ip.js';
import { DEFAULT_IPV6_PREFIX_BITS } from '../config.js';

/**
 * IPv6 clients are counted per prefix by behaviour and campaigns (the setting
 * `web.ipv6_prefix_bits`, default 64: see web/config.ts). Events keep the full address.
 */
export const DEFAULT_IPV6_PREFIX_LEN: number = DEFAULT_IPV6_PREFIX_BITS;

/**
 * SQL (DuckDB) giving the client unit of an address column: the address itself for IPv4, its
 * IPv6 prefix of `prefixLen` bits (a multiple of 4, 4–128) written `2a02:06b8:0000:0001::/64`
 * for IPv6. Works on any valid spelling (the address is expanded to 32 nibbles first).
 *
 * @example
 * `SELECT ${clientUnitSql('e.ip', 64)} AS unit FROM events e`
 */
export function clientUnitSql(column: string, prefixLen: number): string {
  if (!Number.isInteger(prefixLen) || prefixLen < 4 || prefixLen > 128 || prefixLen % 4 !== 0) {
    throw new RangeError(`IPv6 prefix length must be a multiple of 4 from 4 to 128 (got ${prefixLen})`);
  }
  if (prefixLen === 128) return column;
  const halves = `string_split(${column}, '::')`;
  const before = `CASE WHEN ${halves}[1] = '' THEN []::VARCHAR[] ELSE string_split(${halves}[1], ':') END`;
  const after = `CASE WHEN len(${halves}) < 2 OR ${halves}[2] = '' THEN []::VARCHAR[] ELSE string_split(${halves}[2], ':') END`;
  const full = `list_concat(${before}, list_transform(range(greatest(0, 8 - len(${before}) - len(${after}))), x -> '0'), ${after})`;
  const nibbles = `left(array_to_string(list_transform(${full}, h -> lpad(lower(h), 4, '0')), ''), ${prefixLen / 4})`;
  const grouped = `rtrim(regexp_replace(${nibbles}, '(.{4})', '\\1:', 'g'), ':')`;
  return `CASE WHEN contains(${column}, ':') THEN ${grouped} || '::/${prefixLen}' ELSE ${column} END`;
}

/**
 * The client unit of one address, as {@link clientUnitSql} writes it: the address for IPv4,
 * `2a02:06b8:0000:0001::/64` for an IPv6 address and a prefix of 64 bits.
 */
export function clientUnit(ip: string, prefixLen: number): string {
  if (!ip.includes(':') || prefixLen === 128) return ip;
  const groups = new Uint16Array(8);
  if (!ipv6ToGroups(ip, 0, ip.length, groups)) return ip;
  const nibbles = Array.from(groups, (g) => g.toString(16).padStart(4, '0')).join('').slice(0, prefixLen / 4);
  return `${nibbles.replace(/(.{4})/g, '$1:').replace(/:$/, '')}::/${prefixLen}`;
}
