/**
 * Aho–Corasick automaton over word tokens (not characters): every label of the taxonomy is one
 * pattern, a text is scanned once, and all label occurrences are reported in O(text tokens + matches),
 * independent of how many skills the taxonomy has. Transitions live in one numeric-keyed Map so that
 * building the automaton for ~100k ESCO labels stays well under a second.
 */
export interface PhraseHit<T> {
  /** Index of the first token of the occurrence. */
  startToken: number;
  /** Index one past the last token. */
  endToken: number;
  /** Everything registered under this exact token sequence. */
  payloads: readonly T[];
}

const TOKEN_SPACE = 2 ** 22;

export class PhraseMatcher<T> {
  private readonly vocab = new Map<string, number>();
  private readonly edges = new Map<number, number>();
  private readonly childLists: number[][] = [[]];
  private depth: number[] = [0];
  private fail: Int32Array | null = null;
  private outLink: Int32Array | null = null;
  private readonly payloads = new Map<number, T[]>();
  private patternCount = 0;

  /** Number of distinct token sequences registered. */
  get size(): number {
    return this.payloads.size;
  }

  /** Number of `add` calls (a sequence may carry several payloads). */
  get entries(): number {
    return this.patternCount;
  }

  /** Registers a token sequence; must be called before the first `scan`. */
  add(tokens: readonly string[], payload: T): void {
    if (this.fail) throw new Error('PhraseMatcher: add() after scan() is not supported');
    if (tokens.length === 0) return;
    let node = 0;
    for (const tok of tokens) {
      let id = this.vocab.get(tok);
      if (id === undefined) {
        id = this.vocab.size;
        if (id >= TOKEN_SPACE) throw new Error('PhraseMatcher: vocabulary too large');
        this.vocab.set(tok, id);
      }
      const key = node * TOKEN_SPACE + id;
      let next = this.edges.get(key);
      if (next === undefined) {
        next = this.depth.length;
        this.depth.push(this.depth[node] + 1);
        this.childLists.push([]);
        this.edges.set(key, next);
        this.childLists[node].push(id, next);
      }
      node = next;
    }
    let list = this.payloads.get(node);
    if (!list) {
      list = [];
      this.payloads.set(node, list);
    }
    list.push(payload);
    this.patternCount++;
  }

  /** Computes failure and output links (breadth-first). Called lazily by `scan`. */
  freeze(): void {
    if (this.fail) return;
    const n = this.depth.length;
    const fail = new Int32Array(n);
    const outLink = new Int32Array(n).fill(-1);
    const queue = new Int32Array(n);
    let head = 0;
    let tail = 0;
    const root = this.childLists[0];
    for (let i = 0; i < root.length; i += 2) queue[tail++] = root[i + 1];
    while (head < tail) {
      const node = queue[head++];
      const kids = this.childLists[node];
      for (let i = 0; i < kids.length; i += 2) {
        const tok = kids[i];
        const child = kids[i + 1];
        let f = fail[node];
        let target = this.edges.get(f * TOKEN_SPACE + tok);
        while (target === undefined && f !== 0) {
          f = fail[f];
          target = this.edges.get(f * TOKEN_SPACE + tok);
        }
        const fc = target === undefined || target === child ? 0 : target;
        fail[child] = fc;
        outLink[child] = this.payloads.has(fc) ? fc : outLink[fc];
        queue[tail++] = child;
      }
    }
    this.fail = fail;
    this.outLink = outLink;
    this.childLists.length = 0;
  }

  /** Reports every registered sequence occurring in `tokens` (overlapping and nested ones included). */
  scan(tokens: readonly string[], onHit: (hit: PhraseHit<T>) => void): void {
    this.freeze();
    const fail = this.fail as Int32Array;
    const outLink = this.outLink as Int32Array;
    let state = 0;
    for (let i = 0; i < tokens.length; i++) {
      const id = this.vocab.get(tokens[i]);
      if (id === undefined) {
        state = 0;
        continue;
      }
      let next = this.edges.get(state * TOKEN_SPACE + id);
      while (next === undefined && state !== 0) {
        state = fail[state];
        next = this.edges.get(state * TOKEN_SPACE + id);
      }
      state = next ?? 0;
      let out = this.payloads.has(state) ? state : outLink[state];
      while (out > 0) {
        const len = this.depth[out];
        onHit({ startToken: i + 1 - len, endToken: i + 1, payloads: this.payloads.get(out) as T[] });
        out = outLink[out];
      }
    }
  }

  /** Convenience: collects all hits into an array. */
  findAll(tokens: readonly string[]): PhraseHit<T>[] {
    const hits: PhraseHit<T>[] = [];
    this.scan(tokens, (h) => hits.push(h));
    return hits;
  }
}
