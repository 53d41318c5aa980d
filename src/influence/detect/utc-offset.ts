/**
 * The likely UTC offset of a group's operators from the hours they post: the 9-hour working
 * day (09:00–18:00 local) holding the most posts. Given only when at least 30 posts, over 6 or
 * more distinct hours, fall at least 80% inside it (a burst or round-the-clock posting says
 * nothing about a time zone).
 *
 * @example
 * likelyUtcOffset(Array.from({ length: 24 }, (_, h) => (h >= 1 && h < 10 ? 10 : 0))) // 8
 */
export function likelyUtcOffset(hours: readonly number[]): number | null {
  const total = hours.reduce((a, b) => a + b, 0);
  if (total < 30 || hours.filter((n) => n > 0).length < 6) return null;
  let best = 0, bestInside = -1;
  for (let start = 0; start < 24; start++) {
    let inside = 0;
    for (let h = 0; h < 9; h++) inside += hours[(start + h) % 24]!;
    if (inside > bestInside) { bestInside = inside; best = start; }
  }
  if (bestInside / total < 0.8) return null;
  let offset = (((9 - best) % 24) + 24) % 24;
  if (offset > 14) offset -= 24;
  return offset;
}
