/**
 * Multi-literal search (Aho–Corasick compiled to a DFA) over ASCII literals, folding ASCII
 * case. It finds every prefilter literal of every rule in one pass over a request part, at a
 * table lookup per character, however many rules there are.
 */

/** Called for each literal that ends at the current position, with its index in the input list. */
export type LiteralHit = (literal: number) => void;

/**
 * @example
 * const a = new LiteralAutomaton(['union', 'select']);
 * const hits: number[] = [];
 * a.scan('1 UNION SELECT 2', a.start, (l) => hits.push(l)); // hits: [0, 1]
 */
export class LiteralAutomaton {
  /** The state to start a scan from. */
  readonly start = 0;
  /** Per ASCII code: its class in the low byte, the caller's trigger flags in the high byte. */
  readonly #classOf = new Uint16Array(128);
  readonly #nonAsciiFlags: number;
  /** OR of the trigger flags of every character read by the last `scan`. */
  lastFlags = 0;
  readonly #classes: number;
  readonly #next: Int32Array;
  /** Per state, where its literal list starts in `#outputs` (`#outputStart[s+1]` ends it). */
  readonly #outputStart: Int32Array;
  readonly #outputs: Int32Array;

  /**
   * @param literals lower-case ASCII strings; upper-case letters in input match them.
   * @param triggers optional flags per ASCII code (0–255) that `scan` ORs into `lastFlags`,
   *   so a caller learns in the same pass whether the text needs more work.
   * @param nonAsciiFlags the flags reported for any character outside ASCII.
   */
  constructor(literals: readonly string[], triggers?: Uint8Array, nonAsciiFlags = 0) {
    this.#classes = this.#assignClasses(literals);
    for (let c = 0; c < 128; c++) this.#classOf[c]! |= (triggers?.[c] ?? 0) << 8;
    this.#nonAsciiFlags = nonAsciiFlags << 8;
    const trie = buildTrie(literals, this.#classOf);
    const { next, outputs } = toDfa(trie, this.#classes);
    // Entries hold the target state's row offset (state × classes), bit-inverted when a
    // literal ends there: the hot loop needs no multiply and one sign test per character.
    for (let k = 0; k < next.length; k++) {
      const target = next[k]!;
      const row = target * this.#classes;
      next[k] = outputs[target]!.length > 0 ? ~row : row;
    }
    this.#next = next;
    const start = new Int32Array(trie.length + 1);
    const flat: number[] = [];
    for (let s = 0; s < trie.length; s++) {
      start[s] = flat.length;
      flat.push(...outputs[s]!);
    }
    start[trie.length] = flat.length;
    this.#outputStart = start;
    this.#outputs = Int32Array.from(flat);
  }

  /**
   * Feeds `text` to the automaton from `state` and returns the state reached, so a caller can
   * scan several strings as one (path, `?`, query) without concatenating them.
   */
  scan(text: string, state: number, onHit: LiteralHit): number {
    const classOf = this.#classOf;
    const next = this.#next;
    const nonAscii = this.#nonAsciiFlags;
    let flags = 0;
    let s = state;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      const v = c < 128 ? classOf[c]! : nonAscii;
      flags |= v;
      s = next[s + (v & 0xff)]!;
      if (s < 0) {
        s = ~s;
        this.#emit(s, onHit);
      }
    }
    this.lastFlags = flags >>> 8;
    return s;
  }

  #emit(row: number, onHit: LiteralHit): void {
    const state = row / this.#classes;
    for (let k = this.#outputStart[state]!; k < this.#outputStart[state + 1]!; k++) {
      onHit(this.#outputs[k]!);
    }
  }

  // Only characters used by some literal get a class of their own; all others share class 0,
  // which keeps the transition table small enough to stay in cache.
  #assignClasses(literals: readonly string[]): number {
    let classes = 1;
    for (const literal of literals) {
      for (let i = 0; i < literal.length; i++) {
        const c = literal.charCodeAt(i);
        if (c >= 128) throw new Error(`prefilter literal ${JSON.stringify(literal)} is not ASCII`);
        if (this.#classOf[c] === 0) {
          if (classes === 255) throw new Error('too many distinct characters in prefilter literals');
          this.#classOf[c] = classes;
          if (c >= 0x61 && c <= 0x7a) this.#classOf[c - 0x20] = classes;
          classes++;
        }
      }
    }
    return classes;
  }
}

interface TrieNode {
  children: Map<number, number>;
  literals: number[];
}

function buildTrie(literals: readonly string[], classOf: Uint16Array): TrieNode[] {
  const nodes: TrieNode[] = [{ children: new Map(), literals: [] }];
  literals.forEach((literal, index) => {
    let node = 0;
    for (let i = 0; i < literal.length; i++) {
      const cls = classOf[literal.charCodeAt(i)]! & 0xff;
      let child = nodes[node]!.children.get(cls);
      if (child === undefined) {
        child = nodes.length;
        nodes.push({ children: new Map(), literals: [] });
        nodes[node]!.children.set(cls, child);
      }
      node = child;
    }
    nodes[node]!.literals.push(index);
  });
  return nodes;
}

/** Breadth-first failure links folded into a full transition table, outputs merged along them. */
function toDfa(nodes: TrieNode[], classes: number): { next: Int32Array; outputs: number[][] } {
  const next = new Int32Array(nodes.length * classes);
  const fail = new Int32Array(nodes.length);
  const outputs = nodes.map((n) => [...n.literals]);
  const queue: number[] = [];
  for (let cls = 0; cls < classes; cls++) {
    const child = nodes[0]!.children.get(cls);
    next[cls] = child ?? 0;
    if (child !== undefined) queue.push(child);
  }
  for (let head = 0; head < queue.length; head++) {
    const state = queue[head]!;
    outputs[state]!.push(...outputs[fail[state]!]!);
    for (let cls = 0; cls < classes; cls++) {
      const child = nodes[state]!.children.get(cls);
      const viaFail = next[fail[state]! * classes + cls]!;
      if (child === undefined) {
        next[state * classes + cls] = viaFail;
      } else {
        next[state * classes + cls] = child;
        fail[child] = viaFail;
        queue.push(child);
      }
    }
  }
  return { next, outputs };
}
