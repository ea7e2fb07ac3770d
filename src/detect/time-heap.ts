/**
 * A binary min-heap of (time, id) entries (Williams, "Heapsort", CACM 1964): the oldest article
 * of a time window is at the top, so eviction costs O(log n) per article even when articles
 * arrive out of order.
 */
export class TimeHeap {
  private readonly times: number[] = [];
  private readonly ids: string[] = [];

  get size(): number {
    return this.times.length;
  }

  push(time: number, id: string): void {
    const t = this.times;
    const d = this.ids;
    let i = t.length;
    t.push(time);
    d.push(id);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (t[parent]! <= time) break;
      t[i] = t[parent]!;
      d[i] = d[parent]!;
      i = parent;
    }
    t[i] = time;
    d[i] = id;
  }

  /** Time of the oldest entry, or Infinity. */
  peekTime(): number {
    return this.times.length > 0 ? this.times[0]! : Infinity;
  }

  /** Removes and returns the oldest entry. */
  pop(): { time: number; id: string } | undefined {
    const t = this.times;
    const d = this.ids;
    if (t.length === 0) return undefined;
    const top = { time: t[0]!, id: d[0]! };
    const lastTime = t.pop()!;
    const lastId = d.pop()!;
    const n = t.length;
    if (n > 0) {
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= n) break;
        const c = l + 1 < n && t[l + 1]! < t[l]! ? l + 1 : l;
        if (t[c]! >= lastTime) break;
        t[i] = t[c]!;
        d[i] = d[c]!;
        i = c;
      }
      t[i] = lastTime;
      d[i] = lastId;
    }
    return top;
  }
}
