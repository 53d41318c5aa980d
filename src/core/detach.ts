/**
 * A copy of a string that shares no memory with a larger one. V8 keeps substrings of 13 or
 * more characters as slices of their parent: a user agent cut from a parsed line would keep the
 * whole 1 MiB chunk of text it came from alive for as long as a cache or dictionary holds it.
 * Anything kept across chunks must be detached.
 *
 * @example
 * memo.set(detachString(event.userAgent), verdict);
 */
export function detachString(s: string): string {
  return s.length < 13 ? s : Buffer.from(s, 'utf8').toString('utf8');
}
