import { MalformedLines } from './malformed-lines.js';
import { parseCidr } from './ip-words.js';
import type { ReadList } from './network-lists.js';

// An address or block as JSON values hold them; hostnames, country names and numbers are not.
const ADDRESS = /^(?:\d{1,3}(?:\.\d{1,3}){3}|[0-9a-f]*:[0-9a-f:.]*)(?:\/\d{1,3})?$/i;

/**
 * The server addresses of a VPN provider's JSON server list, whatever its shape: every string
 * value that is an address or block, at any depth (Mullvad's relay list `ipv4_addr_in` /
 * `ipv6_addr_in`, ProtonVPN's `EntryIP` / `ExitIP`, PIA's server list, which is followed by a
 * signature line). Null when the text is not JSON, so line-based lists are read as before.
 *
 * @example
 * readServerListJson('[{"hostname":"se-got-wg-001","ipv4_addr_in":"185.213.154.66"}]', 'vpn-mullvad.json')?.blocks // ['185.213.154.66']
 */
export function readServerListJson(text: string, file: string): ReadList | null {
  const trimmed = text.trimStart();
  if (!trimmed.startsWith('{') && !trimmed.startsWith('[')) return null;
  let data: unknown;
  try {
    data = JSON.parse(trimmed);
  } catch {
    // PIA: the JSON document on the first line, then a signature.
    try {
      data = JSON.parse(trimmed.slice(0, trimmed.indexOf('\n') < 0 ? trimmed.length : trimmed.indexOf('\n')));
    } catch {
      return null;
    }
  }
  const blocks = new Set<string>();
  const stack: unknown[] = [data];
  while (stack.length > 0) {
    const v = stack.pop();
    if (typeof v === 'string') {
      const s = v.trim();
      if (ADDRESS.test(s) && parseCidr(s)) blocks.add(s.toLowerCase());
    } else if (Array.isArray(v)) stack.push(...v);
    else if (v && typeof v === 'object') stack.push(...Object.values(v));
  }
  return { blocks: [...blocks].sort(), malformed: new MalformedLines(file) };
}
