/**
 * Aho–Corasick automaton over word tokens (not characters): every label of the taxonomy is one
 * pattern, a text is scanned once, and all label occurrences are reported in O(text tokens + matches),
 * independent of how many skills the taxonomy has. Transitions live in one open-addressing hash table
 * over typed arrays (node, token) → child, so that building the automaton for ~100k ESCO labels takes
 * a fraction of a second and lookups allocate nothing.
 */
export interface PhraseHit<T> {
  /** Index of the first token of the occurrence. */
  startToken: number;
  /** Index one past the last token. */
  endToken: number;
  /** Everything registered under this exact token sequence. */
  payloads: readonly T[];
}

/** Open-addressing hash map from (node, token) pairs to child node ids. */
class EdgeTable {
  private mask: number;
  private nodes: Int32Array;
  private toks: Int32Array;
  private vals: Int32Array;
  size = 0;

  constructor(capacity = 1 << 16) {
    this.mask = capacity - 1;
    this.nodes = new Int32Array(capacity).fill(-1);
    this.toks = new Int32Array(capacity);
    this.vals = new Int32Array(capacity);
  }

  private slot(node: number, tok: number): number {
    return (Math.imul(node, 0x9e3779b1) ^ Math.imul(tok + 1, 0x85ebca77)) & this.mask;
  }

  get(node: number, tok: number): number {
    let i = this.slot(node, tok);
    for (;;) {
      const n = this.nodes[i];
      if (n === -1) return -1;
      if (n === node && this.toks[i] === tok) return this.vals[i];
      i = (i + 1) & this.mask;
    }
  }

  set(node: number, tok: number, val: number): void {
    if ((this.size + 1) * 2 > this.mask + 1) this.grow();
    let i = this.slot(node, tok);
    while (this.nodes[i] !== -1) {
      if (this.nodes[i] === node && this.toks[i] === tok) {
        this.vals[i] = val;
        return;
      }
      i = (i + 1) & this.mask;
    }
    this.nodes[i] = node;
    this.toks[i] = tok;
    this.vals[i] = val;
    this.size++;
  }

  private grow(): void {
    const { nodes, toks, vals } = this;
    const cap = (this.mask + 1) * 2;
    this.mask = cap - 1;
    this.nodes = new Int32Array(cap).fill(-1);
    this.toks = new Int32Array(cap);
    this.vals = new Int32Array(cap);
    this.size = 0;
    for (let i = 0; i < nodes.length; i++) if (nodes[i] !== -1) this.set(nodes[i], toks[i], vals[i]);
  }
}

export class PhraseMatcher<T> {
  private readonly vocab = new Map<string, number>();
  private readonly edges = new EdgeTable();
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
        this.vocab.set(tok, id);
      }
      let next = this.edges.get(node, id);
      if (next === -1) {
        next = this.depth.length;
        this.depth.push(this.depth[node] + 1);
        this.childLists.push([]);
        this.edges.set(node, id, next);
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
        let target = this.edges.get(f, tok);
        while (target === -1 && f !== 0) {
          f = fail[f];
          target = this.edges.get(f, tok);
        }
        const fc = target === -1 || target === child ? 0 : target;
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
      let next = this.edges.get(state, id);
      while (next === -1 && state !== 0) {
        state = fail[state];
        next = this.edges.get(state, id);
      }
      state = next === -1 ? 0 : next;
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
