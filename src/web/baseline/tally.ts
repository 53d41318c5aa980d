/**
 * Counts of distinct items (values, lengths, character classes, names) with the evidence that
 * makes an item "confirmed": seen from enough distinct clients, or, when clients are unknown,
 * often enough. An attacker alone cannot confirm a value, however many times he sends it.
 *
 * Memory is bounded: past `maxItems` distinct items, new ones are only counted as untracked.
 */
export class Tally {
  readonly #items = new Map<string, { n: number; clients: number[] }>();
  readonly #maxItems: number;
  readonly #needClients: number;
  /** Observations of items that could not be tracked (the map was full). */
  untracked = 0;
  total = 0;

  constructor(maxItems: number, needClients: number) {
    this.#maxItems = maxItems;
    this.#needClients = needClients;
  }

  /** Count one observation of `item` from `client` (a client hash, or -1 when unknown). */
  add(item: string, client: number): void {
    this.total++;
    let entry = this.#items.get(item);
    if (entry === undefined) {
      if (this.#items.size >= this.#maxItems) {
        this.untracked++;
        return;
      }
      entry = { n: 0, clients: [] };
      this.#items.set(item, entry);
    }
    entry.n++;
    if (client !== -1 && entry.clients.length < this.#needClients && !entry.clients.includes(client)) entry.clients.push(client);
  }

  /**
   * Adds every observation of `other` to this tally, as if they had been counted here: counts
   * add up, client evidence joins (up to what confirmation needs), and items past this tally's
   * capacity count as untracked.
   */
  merge(other: Tally): void {
    this.total += other.total;
    this.untracked += other.untracked;
    for (const [item, { n, clients }] of other.#items) {
      let entry = this.#items.get(item);
      if (entry === undefined) {
        if (this.#items.size >= this.#maxItems) {
          this.untracked += n;
          continue;
        }
        entry = { n: 0, clients: [] };
        this.#items.set(item, entry);
      }
      entry.n += n;
      for (const c of clients) if (entry.clients.length < this.#needClients && !entry.clients.includes(c)) entry.clients.push(c);
    }
  }

  /** Count one observation that is not tracked (too long to keep as an item). */
  skip(): void {
    this.total++;
    this.untracked++;
  }

  get size(): number {
    return this.#items.size;
  }

  /**
   * Items confirmed as normal: from `needClients` distinct clients when clients are known,
   * else seen at least `minCount` times.
   */
  confirmed(clientsKnown: boolean, minCount: number): Array<[string, number]> {
    const out: Array<[string, number]> = [];
    for (const [item, { n, clients }] of this.#items) {
      if (clientsKnown ? clients.length >= this.#needClients : n >= minCount) out.push([item, n]);
    }
    return out;
  }

  /**
   * Share of observations whose item is not confirmed. It estimates the chance that the next
   * normal observation brings something new (Good–Turing: the mass of rare items predicts
   * the mass of unseen ones): only when it is tiny may an unseen item be reported.
   */
  unconfirmedShare(clientsKnown: boolean, minCount: number): number {
    return this.total === 0 ? 1 : this.unconfirmedCount(clientsKnown, minCount) / this.total;
  }

  /**
   * Observations whose item is not confirmed (untracked ones included). With clients known,
   * an unconfirmed item counts once per client that sent it, not once per request: one client
   * repeating a value thousands of times must not make a set look open (nor closed).
   */
  unconfirmedCount(clientsKnown: boolean, minCount: number): number {
    let unconfirmed = this.untracked;
    for (const { n, clients } of this.#items.values()) {
      if (clientsKnown ? clients.length < this.#needClients : n < minCount) unconfirmed += clientsKnown ? clients.length : n;
    }
    return unconfirmed;
  }
}

/** A 32-bit hash of a client address (FNV-1a): compact evidence of distinct clients. */
export function clientHash(ip: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < ip.length; i++) h = Math.imul(h ^ ip.charCodeAt(i), 0x01000193);
  return h >>> 0;
}
