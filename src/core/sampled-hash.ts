/**
 * A hash of a string's length and seventeen characters spread over it. For caches of freshly
 * parsed values (user agents, paths): a `Map` hashes every character of each new string, which
 * costs about as much as the work the cache saves; this reads 17, and the caller confirms a hit
 * with `===` (a fast compare). Values of one length differ mostly in version digits at varied
 * offsets, which the spread samples catch.
 *
 * @example
 * const slot = sampledHash(userAgent) & (slots.length - 1);
 */
export function sampledHash(s: string): number {
  const n = s.length;
  let h = Math.imul(n, 0x9e3779b1);
  for (let k = 0; k <= 16; k++) h = Math.imul(h ^ s.charCodeAt(((n - 1) * k) >>> 4), 0x85ebca6b);
  return h ^ (h >>> 15);
}
