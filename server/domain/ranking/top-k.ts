/**
 * A bounded min-heap keeping the K best items under a strict total order `better(a, b)`.
 * O(log K) per offer; `sorted()` returns best first. With a total order the result is independent of the
 * order items were offered in, which is what makes rankings reproducible.
 */
export class TopK<T> {
  private readonly heap: T[] = [];

  constructor(
    private readonly k: number,
    private readonly better: (a: T, b: T) => boolean,
  ) {}

  get size(): number {
    return this.heap.length;
  }

  /** The worst item kept, when full. */
  peekWorst(): T | undefined {
    return this.heap[0];
  }

  /** Whether `item` would enter the heap (cheap pre-check before building it). */
  accepts(item: T): boolean {
    return this.heap.length < this.k || this.better(item, this.heap[0]);
  }

  offer(item: T): void {
    if (this.k <= 0) return;
    const h = this.heap;
    if (h.length < this.k) {
      h.push(item);
      let i = h.length - 1;
      while (i > 0) {
        const p = (i - 1) >> 1;
        if (this.better(h[p], h[i])) {
          [h[p], h[i]] = [h[i], h[p]];
          i = p;
        } else break;
      }
      return;
    }
    if (!this.better(item, h[0])) return;
    h[0] = item;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let worst = i;
      if (l < h.length && this.better(h[worst], h[l])) worst = l;
      if (r < h.length && this.better(h[worst], h[r])) worst = r;
      if (worst === i) break;
      [h[worst], h[i]] = [h[i], h[worst]];
      i = worst;
    }
  }

  sorted(): T[] {
    return [...this.heap].sort((a, b) => (this.better(a, b) ? -1 : this.better(b, a) ? 1 : 0));
  }
}
