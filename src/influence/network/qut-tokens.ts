/**
 * The QUT coordination-network-toolkit's text handling, reproduced for its parity mode
 * (`vigie influence network`): its co-tweet key and its co-similar token sets. Its own choices
 * are kept, faults included (Chinese is tokenised character by character, there is no
 * Traditional → Simplified step): vigie's own detection (`scan`) does better, see `normalise/`.
 */

/** `@mention` up to the next whitespace (the toolkit's `social_media_cleaner`). */
const MENTION = /@.*?(?=\s|$)/gu;

/** The toolkit's co-tweet key: lower case, mentions removed, whitespace collapsed. */
export function qutMessageKey(text: string): string {
  return text.toLowerCase().replace(MENTION, '').split(/\s+/u).filter(Boolean).join(' ');
}

const segmenter = new Intl.Segmenter('und', { granularity: 'word' });

/**
 * The toolkit's token set for co-similar: the text lower-cased, mentions removed, split at
 * Unicode word boundaries (UAX #29, which Intl.Segmenter implements as the `regex` module's
 * WORD flag does), whitespace dropped, each token once. Its pattern (`\b\p{WSegSpace}*'?`)
 * also swallows an apostrophe that follows a boundary, so a lone `'` is no token.
 */
export function qutTokenSet(text: string): string[] {
  const out = new Set<string>();
  for (const { segment } of segmenter.segment(text.toLowerCase().replace(MENTION, ''))) {
    for (const t of segment.split(/\s+/u)) if (t && t !== "'") out.add(t);
  }
  return [...out];
}
