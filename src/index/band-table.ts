/**
 * One band's buckets: an open-addressing hash table (linear probing, Knuth TAOCP vol. 3 §6.4)
 * from a 32-bit band key to the head of an intrusive chain of document slots. Typed arrays only:
 * about 12 bytes per distinct key instead of a Map entry and an array per bucket.
 */

const EMPTY = 0;
const TOMBSTONE = -1;
const MIN_CAPACITY = 16;

export class BandTable {
  private keys: Uint32Array;
  /** 0 = empty cell, -1 = deleted, otherwise the chain head's slot + 1. */
  private heads: Int32Array;
  private live = 0;
  private dead = 0;

  constructor(capacity = MIN_CAPACITY) {
    this.keys = new Uint32Array(capacity);
    this.heads = new Int32Array(capacity);
  }

  /** Number of distinct live keys. */
  get count(): number {
    return this.live;
  }

  /** Head slot + 1 of `key`'s chain, or 0. */
  head(key: number): number {
    const mask = this.keys.length - 1;
    for (let i = key & mask; ; i = (i + 1) & mask) {
      const h = this.heads[i]!;
      if (h === EMPTY) return 0;
      if (h > 0 && this.keys[i] === key) return h;
    }
  }

  /** Sets `key`'s chain head to slot + 1 = `head` (adding the key if absent); returns the old head or 0. */
  setHead(key: number, head: number): number {
    if ((this.live + this.dead + 1) * 4 > this.keys.length * 3) this.resize();
    const mask = this.keys.length - 1;
    let reuse = -1;
    for (let i = key & mask; ; i = (i + 1) & mask) {
      const h = this.heads[i]!;
      if (h === EMPTY) {
        const cell = reuse >= 0 ? reuse : i;
        if (reuse >= 0) this.dead--;
        this.keys[cell] = key;
        this.heads[cell] = head;
        this.live++;
        return 0;
      }
      if (h === TOMBSTONE) {
        if (reuse < 0) reuse = i;
      } else if (this.keys[i] === key) {
        this.heads[i] = head;
        return h;
      }
    }
  }

  /** Replaces `key`'s chain head with `head`, or deletes the key when `head` is 0. */
  replaceHead(key: number, head: number): void {
    const mask = this.keys.length - 1;
    for (let i = key & mask; ; i = (i + 1) & mask) {
      const h = this.heads[i]!;
      if (h === EMPTY) return;
      if (h > 0 && this.keys[i] === key) {
        if (head === 0) {
          this.heads[i] = TOMBSTONE;
          this.live--;
          this.dead++;
        } else {
          this.heads[i] = head;
        }
        return;
      }
    }
  }

  /** Grows (or just cleans out deleted cells) so the load stays ≤ 3/4. */
  private resize(): void {
    let capacity = MIN_CAPACITY;
    while (capacity * 3 < this.live * 8) capacity *= 2; // doubling: live ≤ 3/8 of capacity afterwards
    const oldKeys = this.keys;
    const oldHeads = this.heads;
    this.keys = new Uint32Array(capacity);
    this.heads = new Int32Array(capacity);
    const mask = capacity - 1;
    for (let j = 0; j < oldKeys.length; j++) {
      const h = oldHeads[j]!;
      if (h <= 0) continue;
      const key = oldKeys[j]!;
      let i = key & mask;
      while (this.heads[i] !== EMPTY) i = (i + 1) & mask;
      this.keys[i] = key;
      this.heads[i] = h;
    }
    this.dead = 0;
  }

  /** Bytes held by the table's arrays. */
  get byteLength(): number {
    return this.keys.byteLength + this.heads.byteLength;
  }
}
