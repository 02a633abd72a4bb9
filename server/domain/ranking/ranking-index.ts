import { FULL_MATCH_KINDS, levelThreshold, recencyCutoffDay } from './match-routes';
import type { CandidateProfile, JobRequirement, MatchRoute } from './types';

/**
 * In-memory ranking index: skill → posting list of (candidate, strength, verified strength, last evidence days),
 * in typed arrays (dense candidate ids uncompressed, so a query reads them without decoding and can jump within a
 * list). A query touches only the postings of the job's skills and their taxonomy neighbours, accumulates exact
 * integer points per candidate (Σ importance × factor × strength, the same arithmetic as `scoreCandidate`), prunes
 * candidates that provably cannot reach the top K (max-score bounds) once that pays, and orders the best K by
 * points, then candidate uuid — so it returns exactly what the reference scorer would.
 *
 * Updates go to a small overlay (the candidate's base postings are masked, the new profile kept in a map) and are
 * folded into the base by `compact()`.
 */

export type IndexVisibility = 'public' | 'applied_only' | 'hidden';
const VIS_CODE: Readonly<Record<IndexVisibility, number>> = {
  public: 0,
  applied_only: 1,
  hidden: 2,
};

/** One candidate skill as the index stores it. Days are whole UTC days since 1970-01-01. */
export interface IndexSkillRow {
  skillId: string;
  strength: number;
  verifiedStrength: number;
  lastEvidenceDay: number | null;
  lastVerifiedDay: number | null;
}

/**
 * A candidate profile from its stored rows: strengths without the per-credential evidence behind them, which
 * `scoreCandidate` needs only to list a contribution's credentials (its points do not depend on it).
 */
export function profileFromIndexRows(candidateId: string, rows: readonly IndexSkillRow[]): CandidateProfile {
  return {
    candidateId,
    skills: new Map(rows.map((r) => [r.skillId, { ...r, evidence: [] }])),
  };
}

/** A requirement as the index evaluates it (see `compileIndexQuery`). */
export interface IndexRequirement {
  importance: number;
  /** Bit for the must-have mask, or -1. */
  mustBit: number;
  threshold: number;
  cutoffDay: number | null;
  routes: { skillId: string; factor: number; full: boolean }[];
}

export interface IndexQuery {
  requirements: IndexRequirement[];
  verifiedOnly: boolean;
  mustHavesOnly: boolean;
  limit: number;
  /** Candidates with visibility 'applied_only' that may be shown (they applied to the organization). */
  appliedCandidateIds?: ReadonlySet<string>;
}

export interface IndexHit {
  candidateId: string;
  points: number;
  mustHavesMet: boolean;
}

export interface IndexStats {
  candidates: number;
  skills: number;
  postings: number;
  overlayCandidates: number;
  bytes: number;
}

/** Compiles a job's requirements and their expansions into an index query. */
export function compileIndexQuery(
  requirements: readonly JobRequirement[],
  routes: readonly MatchRoute[][],
  options: {
    verifiedOnly: boolean;
    mustHavesOnly: boolean;
    limit: number;
    asOfDay: number;
  },
): Omit<IndexQuery, 'appliedCandidateIds'> {
  let bit = 0;
  return {
    requirements: requirements.map((req, i) => ({
      importance: req.importance,
      mustBit: req.mustHave ? bit++ : -1,
      threshold: levelThreshold(req.minLevel),
      cutoffDay: recencyCutoffDay(req, options.asOfDay),
      routes: routes[i].map((r) => ({
        skillId: r.skillId,
        factor: r.factor,
        full: FULL_MATCH_KINDS.has(r.kind),
      })),
    })),
    verifiedOnly: options.verifiedOnly,
    mustHavesOnly: options.mustHavesOnly,
    limit: options.limit,
  };
}

const HEX = '0123456789abcdef';
const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function parseUuid(id: string, out: Uint32Array, at: number): void {
  const lower = id.toLowerCase();
  if (!UUID_RE.test(lower)) throw new Error(`Ranking index needs uuid candidate ids, got "${id}"`);
  const hex = lower.replace(/-/g, '');
  for (let w = 0; w < 4; w++) out[at + w] = parseInt(hex.slice(w * 8, w * 8 + 8), 16) >>> 0;
}

function formatUuid(words: Uint32Array, at: number): string {
  let s = '';
  for (let w = 0; w < 4; w++) {
    const v = words[at + w];
    for (let shift = 28; shift >= 0; shift -= 4) s += HEX[(v >>> shift) & 15];
  }
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
}

function grow<T extends Uint8Array | Uint16Array | Uint32Array>(arr: T, need: number): T {
  if (need <= arr.length) return arr;
  let size = Math.max(16, arr.length);
  while (size < need) size *= 2;
  const next = new (arr.constructor as new (n: number) => T)(size);
  next.set(arr);
  return next;
}

/** Stores a day as day + 1 in 16 bits; 0 means unknown. */
function packDay(day: number | null): number {
  if (day === null || day < 0) return 0;
  return Math.min(65535, day + 1);
}

/** Candidate registry: uuid words, visibility, and an open-addressing hash table uuid → dense id. */
class CandidateTable {
  words = new Uint32Array(64);
  visibility = new Uint8Array(16);
  /** 1 when the base postings of the candidate must be ignored (updated or removed). */
  masked = new Uint8Array(16);
  count = 0;
  private table = new Int32Array(64).fill(-1);
  private readonly scratch = new Uint32Array(4);

  private hash(w: Uint32Array, at: number): number {
    let h = (w[at] ^ Math.imul(w[at + 1], 0x9e3779b1) ^ Math.imul(w[at + 2], 0x85ebca6b) ^ w[at + 3]) >>> 0;
    h ^= h >>> 16;
    return h;
  }

  private slotOf(w: Uint32Array, at: number): number {
    const mask = this.table.length - 1;
    let slot = this.hash(w, at) & mask;
    for (;;) {
      const d = this.table[slot];
      if (d === -1) return slot;
      const b = d * 4;
      if (
        this.words[b] === w[at] &&
        this.words[b + 1] === w[at + 1] &&
        this.words[b + 2] === w[at + 2] &&
        this.words[b + 3] === w[at + 3]
      ) {
        return slot;
      }
      slot = (slot + 1) & mask;
    }
  }

  find(id: string): number {
    parseUuid(id, this.scratch, 0);
    return this.table[this.slotOf(this.scratch, 0)];
  }

  /** Dense id of `id`, registering it when new. */
  intern(id: string, visibility: IndexVisibility): number {
    parseUuid(id, this.scratch, 0);
    return this.internScratch(visibility);
  }

  /**
   * Dense id of the uuid written as 36 ASCII characters at `bytes[at]` (e.g. a COPY row), registering it with
   * `visibility` when new; existing candidates keep their visibility.
   */
  internAscii(bytes: Uint8Array, at: number, visibility: IndexVisibility): number {
    let w = 0;
    let word = 0;
    let nibbles = 0;
    for (let i = 0; i < 36; i++) {
      const ch = bytes[at + i];
      if (ch === 45) continue; // '-'
      const v = ch <= 57 ? ch - 48 : (ch | 32) - 87;
      if (v < 0 || v > 15) throw new Error('Ranking index needs uuid candidate ids');
      word = (word << 4) | v;
      if (++nibbles === 8) {
        this.scratch[w++] = word >>> 0;
        word = 0;
        nibbles = 0;
      }
    }
    const slot = this.slotOf(this.scratch, 0);
    if (this.table[slot] !== -1) return this.table[slot];
    return this.internScratch(visibility);
  }

  /**
   * Dense id of the uuid stored as 16 raw bytes at `bytes[at]` (binary COPY), registering it with `visibility`
   * when new; existing candidates keep their visibility.
   */
  internBinary(bytes: Uint8Array, at: number, visibility: IndexVisibility): number {
    for (let w = 0; w < 4; w++) {
      const i = at + 4 * w;
      this.scratch[w] = ((bytes[i] << 24) | (bytes[i + 1] << 16) | (bytes[i + 2] << 8) | bytes[i + 3]) >>> 0;
    }
    const slot = this.slotOf(this.scratch, 0);
    if (this.table[slot] !== -1) return this.table[slot];
    return this.internScratch(visibility);
  }

  /** Where each top-16-bit uuid prefix starts among the (sorted) candidates registered at preparation. */
  private prefixStart: Uint32Array | null = null;

  /**
   * When dense ids follow uuid order (candidates registered sorted), prepares `findSortedBinary` and returns true;
   * otherwise false (callers then use `internBinary`).
   */
  prepareSortedLookup(): boolean {
    for (let d = 1; d < this.count; d++) if (!this.before(d - 1, d)) return false;
    const start = new Uint32Array(65537);
    start[65536] = this.count;
    let d = this.count;
    for (let p = 65535; p >= 0; p--) {
      while (d > 0 && this.words[4 * (d - 1)] >>> 16 >= p) d--;
      start[p] = d;
    }
    this.prefixStart = start;
    return true;
  }

  /**
   * After `prepareSortedLookup()`: the dense id of the uuid stored as 16 raw bytes at `bytes[at]` among the
   * candidates registered then, or -1. The 256 KiB prefix table narrows the search to a few neighbouring sorted
   * entries, so a lookup costs about one cache miss instead of the hash table's two (the loader does one per
   * posting).
   */
  findSortedBinary(bytes: Uint8Array, at: number): number {
    if (!this.prefixStart) return -1;
    for (let w = 0; w < 4; w++) {
      const i = at + 4 * w;
      this.scratch[w] = ((bytes[i] << 24) | (bytes[i + 1] << 16) | (bytes[i + 2] << 8) | bytes[i + 3]) >>> 0;
    }
    const prefix = this.scratch[0] >>> 16;
    let lo = this.prefixStart[prefix];
    let hi = this.prefixStart[prefix + 1];
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const c = this.compareScratch(mid);
      if (c === 0) return mid;
      if (c < 0) lo = mid + 1;
      else hi = mid;
    }
    return -1;
  }

  /** Sign of (uuid of dense id d) − (the uuid in scratch). */
  private compareScratch(d: number): number {
    const w = this.words;
    const b = d * 4;
    for (let i = 0; i < 4; i++) {
      const x = w[b + i];
      const y = this.scratch[i];
      if (x !== y) return x < y ? -1 : 1;
    }
    return 0;
  }

  private internScratch(visibility: IndexVisibility): number {
    let slot = this.slotOf(this.scratch, 0);
    if (this.table[slot] !== -1) {
      const d = this.table[slot];
      this.visibility[d] = VIS_CODE[visibility];
      return d;
    }
    if ((this.count + 1) * 2 > this.table.length) {
      this.rehash(this.table.length * 2);
      slot = this.slotOf(this.scratch, 0);
    }
    const d = this.count++;
    this.words = grow(this.words, this.count * 4);
    this.visibility = grow(this.visibility, this.count);
    this.masked = grow(this.masked, this.count);
    this.words.set(this.scratch, d * 4);
    this.visibility[d] = VIS_CODE[visibility];
    this.table[slot] = d;
    return d;
  }

  private rehash(size: number): void {
    this.table = new Int32Array(size).fill(-1);
    for (let d = 0; d < this.count; d++) this.table[this.slotOf(this.words, d * 4)] = d;
  }

  uuid(d: number): string {
    return formatUuid(this.words, d * 4);
  }

  /** uuid order: true when candidate a sorts before b. */
  before(a: number, b: number): boolean {
    const w = this.words;
    for (let i = 0; i < 4; i++) {
      const x = w[a * 4 + i];
      const y = w[b * 4 + i];
      if (x !== y) return x < y;
    }
    return false;
  }

  bytes(): number {
    return (
      this.words.byteLength + this.visibility.byteLength + this.masked.byteLength + this.table.byteLength
    );
  }
}

interface OverlayPosting {
  strength: number;
  verifiedStrength: number;
  day: number;
  verifiedDay: number;
}

/**
 * Collects rows (in any order) and builds a `RankingIndex`. Rows are columnar typed arrays, so loading 15M rows
 * costs about 12 bytes each while building.
 */
export class RankingIndexBuilder {
  readonly candidates = new CandidateTable();
  readonly skillIds: string[] = [];
  private readonly skillIndex = new Map<string, number>();
  private n = 0;
  private cand = new Uint32Array(1024);
  private skill = new Uint32Array(1024);
  private str = new Uint16Array(1024);
  private vstr = new Uint16Array(1024);
  private day = new Uint16Array(1024);
  private vday = new Uint16Array(1024);

  /** Registers a candidate (also the ones without skills, so visibility is known) and returns its dense id. */
  candidate(candidateId: string, visibility: IndexVisibility): number {
    return this.candidates.intern(candidateId, visibility);
  }

  /** Like `candidate`, from a uuid's 16 raw bytes; a candidate seen before keeps its visibility. */
  candidateBinary(bytes: Uint8Array, at: number, visibilityIfNew: IndexVisibility): number {
    return this.candidates.internBinary(bytes, at, visibilityIfNew);
  }

  /** Like `candidate`, from a uuid's 36 ASCII bytes; a candidate seen before keeps its visibility. */
  candidateAscii(bytes: Uint8Array, at: number, visibilityIfNew: IndexVisibility): number {
    return this.candidates.internAscii(bytes, at, visibilityIfNew);
  }

  skillIdx(skillId: string): number {
    let i = this.skillIndex.get(skillId);
    if (i === undefined) {
      i = this.skillIds.length;
      this.skillIds.push(skillId);
      this.skillIndex.set(skillId, i);
    }
    return i;
  }

  /** Adds one candidate skill; `dense` comes from `candidate()`. */
  push(
    dense: number,
    skillIdx: number,
    strength: number,
    verifiedStrength: number,
    lastEvidenceDay: number | null,
    lastVerifiedDay: number | null,
  ): void {
    if (strength <= 0 && verifiedStrength <= 0) return;
    const i = this.n++;
    if (i >= this.cand.length) {
      const need = i + 1;
      this.cand = grow(this.cand, need);
      this.skill = grow(this.skill, need);
      this.str = grow(this.str, need);
      this.vstr = grow(this.vstr, need);
      this.day = grow(this.day, need);
      this.vday = grow(this.vday, need);
    }
    this.cand[i] = dense;
    this.skill[i] = skillIdx;
    this.str[i] = strength;
    this.vstr[i] = verifiedStrength;
    this.day[i] = packDay(lastEvidenceDay);
    this.vday[i] = packDay(lastVerifiedDay);
  }

  add(candidateId: string, visibility: IndexVisibility, rows: readonly IndexSkillRow[]): void {
    const d = this.candidate(candidateId, visibility);
    for (const r of rows) {
      this.push(
        d,
        this.skillIdx(r.skillId),
        r.strength,
        r.verifiedStrength,
        r.lastEvidenceDay,
        r.lastVerifiedDay,
      );
    }
  }

  build(): RankingIndex {
    const nSkills = this.skillIds.length;
    const counts = new Uint32Array(nSkills + 1);
    for (let i = 0; i < this.n; i++) counts[this.skill[i] + 1]++;
    for (let s = 0; s < nSkills; s++) counts[s + 1] += counts[s];
    const postingOffset = counts.slice();
    let str: Uint16Array;
    let vstr: Uint16Array;
    let day: Uint16Array;
    let vday: Uint16Array;
    let cands: Uint32Array;
    // Rows already in (skill, candidate) order — a loader reading postings skill by skill, candidates interned in
    // the same order as the lists — are taken as they are.
    let ordered = true;
    for (let i = 1; i < this.n && ordered; i++) {
      const ds = this.skill[i] - this.skill[i - 1];
      ordered = ds > 0 || (ds === 0 && this.cand[i] > this.cand[i - 1]);
    }
    if (ordered) {
      cands = this.cand.slice(0, this.n);
      str = this.str.slice(0, this.n);
      vstr = this.vstr.slice(0, this.n);
      day = this.day.slice(0, this.n);
      vday = this.vday.slice(0, this.n);
    } else {
      // Two stable counting sorts (candidate, then skill): postings of a skill end up in ascending candidate order.
      const nCand = this.candidates.count;
      const byCand = new Uint32Array(nCand + 1);
      for (let i = 0; i < this.n; i++) byCand[this.cand[i] + 1]++;
      for (let c = 0; c < nCand; c++) byCand[c + 1] += byCand[c];
      const first = new Uint32Array(this.n);
      for (let i = 0; i < this.n; i++) first[byCand[this.cand[i]]++] = i;
      const order = new Uint32Array(this.n);
      const fill = counts.slice(0, nSkills);
      for (let k = 0; k < this.n; k++) {
        const i = first[k];
        order[fill[this.skill[i]]++] = i;
      }
      str = new Uint16Array(this.n);
      vstr = new Uint16Array(this.n);
      day = new Uint16Array(this.n);
      vday = new Uint16Array(this.n);
      cands = new Uint32Array(this.n);
      for (let p = 0; p < this.n; p++) {
        const i = order[p];
        cands[p] = this.cand[i];
        str[p] = this.str[i];
        vstr[p] = this.vstr[i];
        day[p] = this.day[i];
        vday[p] = this.vday[i];
      }
    }
    // Per-skill maxima bound what a posting list can add to a score (query-time pruning).
    const maxStr = new Uint16Array(nSkills);
    const maxVstr = new Uint16Array(nSkills);
    for (let s = 0; s < nSkills; s++) {
      let ms = 0;
      let mv = 0;
      for (let p = postingOffset[s]; p < postingOffset[s + 1]; p++) {
        if (p > postingOffset[s] && cands[p] === cands[p - 1])
          throw new Error('Ranking index: a candidate has the same skill twice');
        if (str[p] > ms) ms = str[p];
        if (vstr[p] > mv) mv = vstr[p];
      }
      maxStr[s] = ms;
      maxVstr[s] = mv;
    }
    return new RankingIndex(this.candidates, this.skillIds, this.skillIndex, {
      postingOffset,
      ids: cands,
      str,
      vstr,
      day,
      vday,
      maxStr,
      maxVstr,
    });
  }
}

/**
 * The compressed base: postings of skill s are [postingOffset[s], postingOffset[s + 1]), in ascending dense
 * candidate id order; `ids` holds the dense candidate ids uncompressed so a query reads them without decoding and
 * can jump within a list (galloping search) once few candidates remain in contention.
 */
interface BaseColumns {
  postingOffset: Uint32Array;
  ids: Uint32Array;
  str: Uint16Array;
  vstr: Uint16Array;
  day: Uint16Array;
  vday: Uint16Array;
  /** Highest `str` / `vstr` in each skill's list. */
  maxStr: Uint16Array;
  maxVstr: Uint16Array;
}

/** One requirement as the base pass evaluates it (skills resolved to list indexes, bound precomputed). */
interface PlanStep {
  imp: number;
  /** Must-have bit set by full routes, or 0. */
  bit: number;
  threshold: number;
  hasCutoff: boolean;
  /** Packed cutoff day (day + 1). */
  cutoff: number;
  skills: number[];
  factors: number[];
  full: boolean[];
  /** Most points this requirement can add to any base candidate. */
  ub: number;
  postings: number;
}

/** What the last query did, for tests and benchmarks. */
export interface IndexQueryTrace {
  /** Postings read in full list scans. */
  scanned: number;
  /** Requirements scanned in full before the rest was restricted to candidates still in contention, or -1. */
  prunedAfter: number;
  /** Candidates still in contention when pruning started. */
  contenders: number;
}

/**
 * Query tuning; results never depend on it (tests change it to force each path).
 * - `gallopRatio`: in the pruned phase a posting list is searched by galloping when it is longer than this many
 *   times the number of contenders, else read through with a contender flag per posting.
 * - `pruneRatio`: pruning starts only when the average remaining list is at least this many times longer than the
 *   number of contenders (else the bookkeeping costs more than the postings it skips).
 */
export const rankingIndexTuning = { gallopRatio: 16, pruneRatio: 16 };
/** A query is dense (no touched list) when its postings times this reach the number of candidates. */
const DENSE_RATIO = 1;
/** After a pruning attempt that did not pay, the next waits until the remaining bound has fallen below this share. */
const RETRY_RATIO = 0.5;
/** Contenders are filtered again once the remaining bound has fallen below this share of its last filtered value. */
const REFILTER_RATIO = 0.8;

/** One posting list range and the requirement's filters, as the scan kernels read them. */
interface Scan {
  ids: Uint32Array;
  str: Uint16Array;
  day: Uint16Array;
  start: number;
  end: number;
  hasCutoff: boolean;
  /** Packed cutoff day (day + 1). */
  cutoff: number;
  /** Must-have bit this route can set, or 0. */
  mbit: number;
  threshold: number;
  mask: Uint32Array;
}

// The scan kernels are small monomorphic functions so that the JIT compiles each loop tightly. A posting counts
// when its strength is non-zero and, under a recency window, its packed day is known and not before the cutoff.

/** Single-route requirement: acc += w × strength; returns the new count of touched candidates. */
function scanAdd(sc: Scan, w: number, acc: Uint32Array, touched: Uint32Array, nTouched: number): number {
  const { ids, str, day, end, hasCutoff, cutoff, mbit, threshold, mask } = sc;
  if (!hasCutoff && mbit === 0) {
    for (let p = sc.start; p < end; p++) {
      const v = str[p];
      if (v === 0) continue;
      const c = ids[p];
      const a = acc[c];
      if (a === 0) touched[nTouched++] = c;
      acc[c] = a + w * v;
    }
    return nTouched;
  }
  for (let p = sc.start; p < end; p++) {
    const v = str[p];
    if (v === 0) continue;
    if (hasCutoff) {
      const d = day[p];
      if (d === 0 || d < cutoff) continue;
    }
    const c = ids[p];
    const a = acc[c];
    if (a === 0) touched[nTouched++] = c;
    acc[c] = a + w * v;
    if (mbit !== 0 && v >= threshold) mask[c] |= mbit;
  }
  return nTouched;
}

/** `scanAdd` for dense queries: no touched list (acc is cleared in full afterwards). */
function scanAddAll(sc: Scan, w: number, acc: Uint32Array): void {
  const { ids, str, day, end, hasCutoff, cutoff, mbit, threshold, mask } = sc;
  if (!hasCutoff && mbit === 0) {
    for (let p = sc.start; p < end; p++) {
      const v = str[p];
      if (v !== 0) acc[ids[p]] += w * v;
    }
    return;
  }
  for (let p = sc.start; p < end; p++) {
    const v = str[p];
    if (v === 0) continue;
    if (hasCutoff) {
      const d = day[p];
      if (d === 0 || d < cutoff) continue;
    }
    const c = ids[p];
    acc[c] += w * v;
    if (mbit !== 0 && v >= threshold) mask[c] |= mbit;
  }
}

/** `scanMax` for dense queries. */
function scanMaxAll(
  sc: Scan,
  factor: number,
  imp: number,
  stamp: number,
  best: Uint32Array,
  acc: Uint32Array,
): void {
  const { ids, str, day, end, hasCutoff, cutoff, mbit, threshold, mask } = sc;
  for (let p = sc.start; p < end; p++) {
    const v = str[p];
    if (v === 0) continue;
    if (hasCutoff) {
      const d = day[p];
      if (d === 0 || d < cutoff) continue;
    }
    const c = ids[p];
    creditMax(c, factor * v, imp, stamp, best, acc);
    if (mbit !== 0 && v >= threshold) mask[c] |= mbit;
  }
}

/**
 * Multi-route requirement: a candidate earns imp × the best factor × strength over the routes. `best` interleaves
 * per candidate the step stamp (at 2c) and the best value credited so far in that step (at 2c + 1), so the first
 * posting of a candidate in the step credits acc directly and a better one later credits the difference — no
 * per-step reset or fold pass. Returns the new count of touched candidates.
 */
function scanMax(
  sc: Scan,
  factor: number,
  imp: number,
  stamp: number,
  best: Uint32Array,
  acc: Uint32Array,
  touched: Uint32Array,
  nTouched: number,
): number {
  const { ids, str, day, end, hasCutoff, cutoff, mbit, threshold, mask } = sc;
  for (let p = sc.start; p < end; p++) {
    const v = str[p];
    if (v === 0) continue;
    if (hasCutoff) {
      const d = day[p];
      if (d === 0 || d < cutoff) continue;
    }
    const c = ids[p];
    const x = factor * v;
    const i = 2 * c;
    if (best[i] !== stamp) {
      best[i] = stamp;
      best[i + 1] = x;
      const a = acc[c];
      if (a === 0) touched[nTouched++] = c;
      acc[c] = a + imp * x;
    } else {
      const old = best[i + 1];
      if (x > old) {
        acc[c] += imp * (x - old);
        best[i + 1] = x;
      }
    }
    if (mbit !== 0 && v >= threshold) mask[c] |= mbit;
  }
  return nTouched;
}

/** `scanAdd` restricted to flagged candidates (all already touched). */
function scanAddFlagged(sc: Scan, w: number, acc: Uint32Array, flags: Uint8Array): void {
  const { ids, str, day, end, hasCutoff, cutoff, mbit, threshold, mask } = sc;
  for (let p = sc.start; p < end; p++) {
    const c = ids[p];
    if (flags[c] === 0) continue;
    const v = str[p];
    if (v === 0) continue;
    if (hasCutoff) {
      const d = day[p];
      if (d === 0 || d < cutoff) continue;
    }
    acc[c] += w * v;
    if (mbit !== 0 && v >= threshold) mask[c] |= mbit;
  }
}

/** `scanMax` restricted to flagged candidates (all already touched). */
function scanMaxFlagged(
  sc: Scan,
  factor: number,
  imp: number,
  stamp: number,
  best: Uint32Array,
  acc: Uint32Array,
  flags: Uint8Array,
): void {
  const { ids, str, day, end, hasCutoff, cutoff, mbit, threshold, mask } = sc;
  for (let p = sc.start; p < end; p++) {
    const c = ids[p];
    if (flags[c] === 0) continue;
    const v = str[p];
    if (v === 0) continue;
    if (hasCutoff) {
      const d = day[p];
      if (d === 0 || d < cutoff) continue;
    }
    creditMax(c, factor * v, imp, stamp, best, acc);
    if (mbit !== 0 && v >= threshold) mask[c] |= mbit;
  }
}

/** One multi-route posting of an already touched candidate (see `scanMax`). */
function creditMax(
  c: number,
  x: number,
  imp: number,
  stamp: number,
  best: Uint32Array,
  acc: Uint32Array,
): void {
  const i = 2 * c;
  if (best[i] !== stamp) {
    best[i] = stamp;
    best[i + 1] = x;
    acc[c] += imp * x;
  } else {
    const old = best[i + 1];
    if (x > old) {
      acc[c] += imp * (x - old);
      best[i + 1] = x;
    }
  }
}

/** Touched candidates sampled (one in this many) to estimate how many would stay in contention. */
const SAMPLE_STRIDE = 64;

/**
 * Rough count of the touched candidates whose points plus `remaining` reach the K-th best points, from a sample.
 * Only decides whether exact pruning is worth trying; never decides a result.
 */
function estimateContenders(
  acc: Uint32Array,
  mask: Uint32Array,
  needMask: number,
  touched: Uint32Array,
  nTouched: number,
  k: number,
  remaining: number,
): number {
  // The m-th best sampled points (m = K / stride), kept in a small descending array.
  const m = Math.max(1, Math.ceil(k / SAMPLE_STRIDE));
  const top = new Float64Array(m);
  let filled = 0;
  for (let t = 0; t < nTouched; t += SAMPLE_STRIDE) {
    const c = touched[t];
    const a = acc[c];
    if (filled === m && a <= top[m - 1]) continue;
    // Only candidates already certain to count set the estimated K-th score (as in `kthScore`).
    if (needMask !== 0 && (mask[c] & needMask) >>> 0 !== needMask) continue;
    let i = filled < m ? filled++ : m - 1;
    while (i > 0 && top[i - 1] < a) {
      top[i] = top[i - 1];
      i--;
    }
    top[i] = a;
  }
  if (filled < m) return 0;
  const theta = top[m - 1];
  let n = 0;
  for (let t = 0; t < nTouched; t += SAMPLE_STRIDE) if (acc[touched[t]] + remaining >= theta) n++;
  return n * SAMPLE_STRIDE;
}

/** Must-have bits that the steps after `j` can still set (0 when must-haves are not required). */
function mustBitsAfter(steps: readonly PlanStep[], j: number, needMask: number): number {
  let bits = 0;
  if (needMask !== 0) for (let r = j + 1; r < steps.length; r++) bits |= steps[r].bit;
  return bits;
}

/** First position in [p, end) whose id is ≥ c (ids ascending), by galloping then binary search. */
function seek(ids: Uint32Array, p: number, end: number, c: number): number {
  if (p >= end || ids[p] >= c) return p;
  let lo = p;
  let step = 1;
  while (lo + step < end && ids[lo + step] < c) {
    lo += step;
    step *= 2;
  }
  let hi = Math.min(end, lo + step);
  lo++;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (ids[mid] < c) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** `scanAdd` for the ascending `contenders` only, jumping to each in the list. */
function gallopAdd(sc: Scan, w: number, acc: Uint32Array, contenders: Uint32Array, nCont: number): void {
  const { ids, str, day, end, hasCutoff, cutoff, mbit, threshold, mask } = sc;
  let p = sc.start;
  for (let i = 0; i < nCont; i++) {
    const c = contenders[i];
    p = seek(ids, p, end, c);
    if (p >= end) break;
    if (ids[p] !== c) continue;
    const v = str[p];
    const d = day[p++];
    if (v === 0 || (hasCutoff && (d === 0 || d < cutoff))) continue;
    acc[c] += w * v;
    if (mbit !== 0 && v >= threshold) mask[c] |= mbit;
  }
}

/** `scanMax` for the ascending `contenders` only. */
function gallopMax(
  sc: Scan,
  factor: number,
  imp: number,
  stamp: number,
  best: Uint32Array,
  acc: Uint32Array,
  contenders: Uint32Array,
  nCont: number,
): void {
  const { ids, str, day, end, hasCutoff, cutoff, mbit, threshold, mask } = sc;
  let p = sc.start;
  for (let i = 0; i < nCont; i++) {
    const c = contenders[i];
    p = seek(ids, p, end, c);
    if (p >= end) break;
    if (ids[p] !== c) continue;
    const v = str[p];
    const d = day[p++];
    if (v === 0 || (hasCutoff && (d === 0 || d < cutoff))) continue;
    creditMax(c, factor * v, imp, stamp, best, acc);
    if (mbit !== 0 && v >= threshold) mask[c] |= mbit;
  }
}

export class RankingIndex {
  private overlay = new Map<number, Map<number, OverlayPosting>>();
  /** Per-candidate points of the running query; zero for every candidate between queries. */
  private acc = new Uint32Array(0);
  /** Per candidate: step stamp and best value of the current multi-route requirement (see `scanMax`). */
  private best = new Uint32Array(0);
  /** Stamp of the last multi-route step (never reused until `best` is cleared). */
  private stamp = 0;
  /** Per-candidate must-have bits of the running query; zero between queries. */
  private mask = new Uint32Array(0);
  /** Candidates with non-zero `acc` (so that only they are reset). */
  private touched = new Uint32Array(0);
  /** Candidates still in contention once pruning starts (ascending once sorted). */
  private contenders = new Uint32Array(0);
  /** 1 for the candidates in `contenders[0..nFlagged)`; zero between queries. */
  private flags = new Uint8Array(0);
  private nFlagged = 0;
  /** Count of valid entries in `touched` for the running query. */
  private nTouched = 0;
  /** The running query reads all candidates instead of `touched` (see `scoreBase`). */
  private dense = false;
  /** 0, 1, 2, …: the candidate list of dense queries. */
  private identityList = new Uint32Array(0);
  /** Final candidate list of the running query: `contenders` when pruned, else `touched`. */
  private finalList: Uint32Array = new Uint32Array(0);
  private finalCount = 0;
  /** Trace of the last query (see `IndexQueryTrace`). */
  lastTrace: IndexQueryTrace = { scanned: 0, prunedAfter: -1, contenders: 0 };

  constructor(
    private readonly candidates: CandidateTable,
    private readonly skillIds: string[],
    private readonly skillIndex: Map<string, number>,
    private base: BaseColumns,
  ) {}

  /** Number of candidates whose latest profile lives in the overlay. */
  get overlaySize(): number {
    return this.overlay.size;
  }

  has(candidateId: string): boolean {
    const d = this.candidates.find(candidateId);
    return d !== -1 && this.candidates.visibility[d] !== VIS_CODE.hidden;
  }

  stats(): IndexStats {
    const b = this.base;
    let overlayPostings = 0;
    for (const m of this.overlay.values()) overlayPostings += m.size;
    const scratch = [
      this.acc,
      this.best,
      this.mask,
      this.touched,
      this.contenders,
      this.flags,
      this.identityList,
    ].reduce((sum, a) => sum + a.byteLength, 0);
    const baseBytes = [b.postingOffset, b.ids, b.str, b.vstr, b.day, b.vday, b.maxStr, b.maxVstr].reduce(
      (sum, a) => sum + a.byteLength,
      0,
    );
    return {
      candidates: this.candidates.count,
      skills: this.skillIds.length,
      postings: b.str.length + overlayPostings,
      overlayCandidates: this.overlay.size,
      bytes: baseBytes + this.candidates.bytes() + scratch + overlayPostings * 64,
    };
  }

  /** Replaces a candidate's profile and visibility (new candidates are added). */
  upsertCandidate(candidateId: string, visibility: IndexVisibility, rows: readonly IndexSkillRow[]): void {
    const d = this.candidates.intern(candidateId, visibility);
    this.candidates.masked[d] = 1;
    const postings = new Map<number, OverlayPosting>();
    for (const r of rows) {
      if (r.strength <= 0 && r.verifiedStrength <= 0) continue;
      let s = this.skillIndex.get(r.skillId);
      if (s === undefined) {
        s = this.skillIds.length;
        this.skillIds.push(r.skillId);
        this.skillIndex.set(r.skillId, s);
      }
      postings.set(s, {
        strength: r.strength,
        verifiedStrength: r.verifiedStrength,
        day: packDay(r.lastEvidenceDay),
        verifiedDay: packDay(r.lastVerifiedDay),
      });
    }
    this.overlay.set(d, postings);
  }

  /** Removes a candidate from every ranking (deleted account). */
  removeCandidate(candidateId: string): void {
    const d = this.candidates.find(candidateId);
    if (d === -1) return;
    this.candidates.masked[d] = 1;
    this.candidates.visibility[d] = VIS_CODE.hidden;
    this.overlay.delete(d);
  }

  private ensureScratch(): void {
    const n = this.candidates.count;
    if (this.acc.length >= n) return;
    const size = Math.max(n, Math.ceil(this.acc.length * 1.5));
    this.acc = new Uint32Array(size);
    this.best = new Uint32Array(2 * size);
    this.stamp = 0;
    this.mask = new Uint32Array(size);
    this.touched = new Uint32Array(size);
    this.contenders = new Uint32Array(size);
    this.flags = new Uint8Array(size);
  }

  private identity(n: number): Uint32Array {
    if (this.identityList.length < n) {
      this.identityList = new Uint32Array(Math.max(n, Math.ceil(this.identityList.length * 1.5)));
      for (let i = 0; i < this.identityList.length; i++) this.identityList[i] = i;
    }
    return this.identityList;
  }

  /** The base pass's view of the query: requirements with postings, highest possible contribution first. */
  private plan(q: IndexQuery): PlanStep[] {
    const b = this.base;
    const nBaseSkills = b.postingOffset.length - 1;
    const maxCol = q.verifiedOnly ? b.maxVstr : b.maxStr;
    const steps: PlanStep[] = [];
    for (const req of q.requirements) {
      const step: PlanStep = {
        imp: req.importance,
        bit: req.mustBit >= 0 ? (1 << req.mustBit) >>> 0 : 0,
        threshold: req.threshold,
        hasCutoff: req.cutoffDay !== null,
        cutoff: req.cutoffDay === null ? -1 : req.cutoffDay + 1, // packed days are day + 1
        skills: [],
        factors: [],
        full: [],
        ub: 0,
        postings: 0,
      };
      let best = 0;
      const lists: { s: number; factor: number; full: boolean; len: number }[] = [];
      for (const route of req.routes) {
        const s = this.skillIndex.get(route.skillId);
        if (s === undefined || s >= nBaseSkills || maxCol[s] === 0) continue;
        lists.push({
          s,
          factor: route.factor,
          full: route.full,
          len: b.postingOffset[s + 1] - b.postingOffset[s],
        });
        best = Math.max(best, route.factor * maxCol[s]);
      }
      lists.sort((x, y) => x.len - y.len || x.s - y.s);
      for (const l of lists) {
        step.skills.push(l.s);
        step.factors.push(l.factor);
        step.full.push(l.full);
        step.postings += l.len;
      }
      step.ub = req.importance * best;
      if (step.skills.length > 0) steps.push(step);
    }
    return steps.sort((x, y) => y.ub - x.ub || x.postings - y.postings);
  }

  /**
   * Top `limit` candidates by points (ties: candidate uuid ascending), leaving out hidden candidates,
   * 'applied_only' ones that did not apply to the organization, candidates with no credit and — when
   * `mustHavesOnly` — candidates missing a must-have.
   *
   * Requirements are read list by list, the one that can add the most points first, into a points accumulator
   * (max-score pruning): once the K-th best score among candidates certain to be shown is above what the
   * remaining requirements could add in total, no candidate not yet seen can reach the top K, and the remaining
   * lists are searched only for the candidates still in contention (those whose points plus the remaining bound
   * reach the K-th score — an equal score can still win on uuid). Pruning only drops candidates that cannot be
   * in the result, so results are exactly those of scoring everyone.
   */
  query(q: IndexQuery): IndexHit[] {
    const k = Math.max(0, q.limit);
    this.lastTrace = { scanned: 0, prunedAfter: -1, contenders: 0 };
    if (k === 0) return [];
    this.ensureScratch();
    try {
      const shown = this.shownTest(q);
      this.scoreBase(q, k, shown);
      return this.collect(q, k, shown);
    } finally {
      const { acc, mask, touched } = this;
      if (this.dense) {
        // Sequential clears beat scattered ones when most candidates were touched.
        acc.fill(0);
        mask.fill(0);
      } else {
        for (let t = 0; t < this.nTouched; t++) {
          const c = touched[t];
          acc[c] = 0;
          mask[c] = 0;
        }
      }
      this.nTouched = 0;
      this.dense = false;
      const { flags, contenders } = this;
      for (let i = 0; i < this.nFlagged; i++) flags[contenders[i]] = 0;
      this.nFlagged = 0;
    }
  }

  private fullMaskOf(q: IndexQuery): number {
    let fullMask = 0;
    for (const req of q.requirements) if (req.mustBit >= 0) fullMask = (fullMask | (1 << req.mustBit)) >>> 0;
    return fullMask;
  }

  /**
   * Whether a candidate may be shown to the querying organization: public, or applied_only and among
   * `appliedCandidateIds` (looked up by uuid only for applied_only candidates that reach this check, and cached
   * per query). Overlay candidates count as not shown here: their base postings are superseded.
   */
  private shownTest(q: IndexQuery): (c: number) => boolean {
    const cands = this.candidates;
    const vis = cands.visibility;
    const masked = cands.masked;
    const ids = q.appliedCandidateIds;
    const cache = new Map<number, boolean>();
    return (c: number) => {
      const v = vis[c];
      if (v === VIS_CODE.public) return masked[c] === 0;
      if (v !== VIS_CODE.applied_only || !ids || masked[c] === 1) return false;
      let ok = cache.get(c);
      if (ok === undefined) cache.set(c, (ok = ids.has(cands.uuid(c))));
      return ok;
    };
  }

  /**
   * The K-th best points among `list[0..len)` counting only candidates certain to be in the result (shown, not
   * superseded by the overlay, and — for mustHavesOnly — with every must-have already met); 0 with fewer than K.
   * With `picked`, also collects every counted candidate that was at least the running K-th score when visited: a
   * superset of the candidates at or above the final K-th score (ties included).
   */
  private kthScore(
    list: Uint32Array,
    len: number,
    k: number,
    heap: Float64Array,
    shown: (c: number) => boolean,
    needMask: number,
    picked: number[] | null = null,
  ): number {
    const { acc, mask } = this;
    let size = 0;
    for (let i = 0; i < len; i++) {
      const c = list[i];
      const a = acc[c];
      if (a === 0 || (size === k && a < heap[0])) continue;
      if (needMask !== 0 && (mask[c] & needMask) >>> 0 !== needMask) continue;
      if (!shown(c)) continue;
      if (picked) picked.push(c);
      if (size < k) {
        let j = size++;
        heap[j] = a;
        while (j > 0) {
          const parent = (j - 1) >> 1;
          if (heap[parent] <= heap[j]) break;
          const tmp = heap[j];
          heap[j] = heap[parent];
          heap[parent] = tmp;
          j = parent;
        }
      } else {
        heap[0] = a;
        let j = 0;
        for (;;) {
          const l = 2 * j + 1;
          const r = l + 1;
          let m = j;
          if (l < size && heap[l] < heap[m]) m = l;
          if (r < size && heap[r] < heap[m]) m = r;
          if (m === j) break;
          const tmp = heap[j];
          heap[j] = heap[m];
          heap[m] = tmp;
          j = m;
        }
      }
    }
    return size === k ? heap[0] : 0;
  }

  /** Accumulates the base postings of the query into `acc` and `mask`, pruning once it can. */
  private scoreBase(q: IndexQuery, k: number, shown: (c: number) => boolean): void {
    const b = this.base;
    const { acc, best, mask, touched, contenders } = this;
    const ids = b.ids;
    const strCol = q.verifiedOnly ? b.vstr : b.str;
    const dayCol = q.verifiedOnly ? b.vday : b.day;
    const steps = this.plan(q);
    const fullMask = this.fullMaskOf(q);
    const needMask = q.mustHavesOnly ? fullMask : 0;
    const heap = new Float64Array(k);
    let remaining = 0;
    for (const st of steps) remaining += st.ub;
    let done = 0;
    let theta = 0;
    let thetaAt = 0; // `done` when theta was last computed
    let nTouched = 0;
    let nCont = 0;
    let pruned = false;
    let filteredAt = 0; // `remaining` when the contenders were last filtered
    let attemptedAt = 0; // `remaining` when pruning was last considered
    const { gallopRatio, pruneRatio } = rankingIndexTuning;
    let sorted = false;
    let scanned = 0;
    const flags = this.flags;
    // Dense queries (postings a sizeable share of the candidates) skip the touched list: its writes cost as much
    // as the scan, and sequential passes over all candidates are cheap.
    const n = this.candidates.count;
    let total = 0;
    for (const st of steps) total += st.postings;
    const dense = total * DENSE_RATIO >= n;
    this.dense = dense;
    const list = dense ? this.identity(n) : touched;
    this.finalList = list;

    for (let j = 0; j < steps.length; j++) {
      const st = steps[j];
      const { imp, bit, threshold, hasCutoff, cutoff } = st;
      const single = st.skills.length === 1;
      let stamp = 0;
      if (!single) {
        if (this.stamp >= 0xfffffff0) {
          best.fill(0);
          this.stamp = 0;
        }
        stamp = ++this.stamp;
      }
      for (let r = 0; r < st.skills.length; r++) {
        const s = st.skills[r];
        const mbit = st.full[r] ? bit : 0;
        const start = b.postingOffset[s];
        const end = b.postingOffset[s + 1];
        const sc: Scan = {
          ids,
          str: strCol,
          day: dayCol,
          start,
          end,
          hasCutoff,
          cutoff,
          mbit,
          threshold,
          mask,
        };
        if (!pruned) {
          scanned += end - start;
          if (dense) {
            if (single) scanAddAll(sc, imp * st.factors[r], acc);
            else scanMaxAll(sc, st.factors[r], imp, stamp, best, acc);
          } else if (single) nTouched = scanAdd(sc, imp * st.factors[r], acc, touched, nTouched);
          else nTouched = scanMax(sc, st.factors[r], imp, stamp, best, acc, touched, nTouched);
        } else if (nCont * gallopRatio >= end - start) {
          // Many contenders for this list: read it through, skipping postings of candidates out of contention.
          if (single) scanAddFlagged(sc, imp * st.factors[r], acc, flags);
          else scanMaxFlagged(sc, st.factors[r], imp, stamp, best, acc, flags);
        } else {
          // Few: jump to each of them in the list.
          if (!sorted) {
            contenders.subarray(0, nCont).sort();
            sorted = true;
          }
          if (single) gallopAdd(sc, imp * st.factors[r], acc, contenders, nCont);
          else gallopMax(sc, st.factors[r], imp, stamp, best, acc, contenders, nCont);
        }
      }
      this.nTouched = nTouched;
      done += st.ub;
      remaining -= st.ub;
      if (j === steps.length - 1) break;
      if (!pruned) {
        // theta can only exceed `remaining` once the scanned bound does; and it grows by at most what was
        // scanned since it was computed (unless must-haves newly met make more candidates count).
        const nList = dense ? n : nTouched;
        if (done <= remaining || nList < k) continue;
        if (needMask === 0 && theta > 0 && theta + (done - thetaAt) <= remaining) continue;
        // Without the shortcut above (must-haves only), attempts cost a full pass each: one only.
        if (attemptedAt > 0 && (needMask !== 0 || remaining > RETRY_RATIO * attemptedAt)) continue;
        attemptedAt = remaining;
        // Pruning pays only when few candidates stay in contention relative to the lists still to read; a
        // sample of the touched candidates estimates that before paying for exact passes over all of them.
        let restPostings = 0;
        let restLists = 0;
        for (let r = j + 1; r < steps.length; r++) {
          restPostings += steps[r].postings;
          restLists += steps[r].skills.length;
        }
        const worthIt = (contending: number) => contending * pruneRatio * restLists <= restPostings;
        if (!worthIt(estimateContenders(acc, mask, needMask, list, nList, k, remaining))) continue;
        theta = this.kthScore(list, nList, k, heap, shown, needMask);
        thetaAt = done;
        if (theta <= remaining) continue;
        const restMust = mustBitsAfter(steps, j, needMask);
        for (let t = 0; t < nList; t++) {
          const c = list[t];
          if (acc[c] + remaining < theta) continue;
          if (needMask !== 0 && ((mask[c] | restMust) & needMask) >>> 0 !== needMask) continue;
          if (!shown(c)) continue;
          contenders[nCont++] = c;
        }
        if (!worthIt(nCont)) {
          nCont = 0;
          continue;
        }
        for (let i = 0; i < nCont; i++) flags[contenders[i]] = 1;
        pruned = true;
        this.lastTrace.prunedAfter = j + 1;
        this.nFlagged = nCont;
        this.lastTrace.contenders = nCont;
        filteredAt = remaining;
        continue;
      } else {
        // Re-filtering costs a pass over the contenders; it pays once the bound has dropped noticeably.
        if (remaining > REFILTER_RATIO * filteredAt) continue;
        theta = Math.max(theta, this.kthScore(contenders, nCont, k, heap, shown, needMask));
        filteredAt = remaining;
      }
      // Drop contenders that can no longer reach theta (or can no longer meet every must-have).
      const restMust = mustBitsAfter(steps, j, needMask);
      let kept = 0;
      for (let i = 0; i < nCont; i++) {
        const c = contenders[i];
        if (
          acc[c] + remaining < theta ||
          (needMask !== 0 && ((mask[c] | restMust) & needMask) >>> 0 !== needMask)
        ) {
          flags[c] = 0;
          continue;
        }
        contenders[kept++] = c;
      }
      nCont = kept;
      this.nFlagged = nCont;
    }
    this.lastTrace.scanned = scanned;
    if (pruned) {
      this.finalList = contenders;
      this.finalCount = nCont;
    } else {
      this.finalList = list;
      this.finalCount = dense ? n : nTouched;
    }
  }

  /** Scores the overlay candidates and picks the top K from them and the base candidates left. */
  private collect(q: IndexQuery, k: number, shown: (c: number) => boolean): IndexHit[] {
    const { acc, mask, touched } = this;
    const cands = this.candidates;
    const vis = cands.visibility;
    const fullMask = this.fullMaskOf(q);
    let nTouched = this.nTouched;
    // Overlay candidates (recently updated): exact points from their in-memory profile, written over whatever
    // their superseded base postings added.
    const overlayIds: number[] = [];
    for (const [c, postings] of this.overlay) {
      let points = 0;
      let m = 0;
      for (const req of q.requirements) {
        const bit = req.mustBit >= 0 ? (1 << req.mustBit) >>> 0 : 0;
        const cutoff = req.cutoffDay === null ? -1 : req.cutoffDay + 1;
        let best = 0;
        for (const route of req.routes) {
          const s = this.skillIndex.get(route.skillId);
          if (s === undefined) continue;
          const op = postings.get(s);
          if (!op) continue;
          const str = q.verifiedOnly ? op.verifiedStrength : op.strength;
          if (str === 0) continue;
          if (req.cutoffDay !== null) {
            const d = q.verifiedOnly ? op.verifiedDay : op.day;
            if (d === 0 || d < cutoff) continue;
          }
          const v = route.factor * str;
          if (v > best) best = v;
          if (route.full && bit !== 0 && str >= req.threshold) m |= bit;
        }
        points += req.importance * best;
      }
      if (acc[c] === 0) {
        if (points === 0) continue;
        if (!this.dense) {
          touched[nTouched++] = c;
          this.nTouched = nTouched;
        }
      }
      acc[c] = points;
      mask[c] = m;
      const v = vis[c];
      if (v === VIS_CODE.public || (v === VIS_CODE.applied_only && q.appliedCandidateIds?.has(cands.uuid(c))))
        overlayIds.push(c);
    }

    // The K-th best base score bounds the result from below: one pass finds it and gathers the base candidates at
    // or above it; with the overlay ones, those few are ordered exactly (points, then uuid).
    const needMask = q.mustHavesOnly ? fullMask : 0;
    const list = this.finalList;
    const len = this.finalCount;
    const candidates: number[] = [];
    const theta = this.kthScore(list, len, k, new Float64Array(k), shown, needMask, candidates);
    const picked = candidates.filter((c) => acc[c] >= theta);
    for (const c of overlayIds) {
      if (acc[c] === 0 || acc[c] < theta) continue;
      if (needMask !== 0 && (mask[c] & needMask) >>> 0 !== needMask) continue;
      picked.push(c);
    }
    picked.sort((x, y) => acc[y] - acc[x] || (cands.before(x, y) ? -1 : cands.before(y, x) ? 1 : 0));
    return picked.slice(0, k).map((c) => ({
      candidateId: cands.uuid(c),
      points: acc[c],
      mustHavesMet: (mask[c] & fullMask) >>> 0 === fullMask,
    }));
  }

  /**
   * The stored rows of some candidates for the given skills (those each holds; none for an unknown or removed
   * candidate): what `scoreCandidate` needs to score them exactly against a job whose routes name only those
   * skills. Each skill list is searched once for all the candidates, in dense id order, so a page of hits costs
   * well under a millisecond instead of a read of their evidence.
   */
  skillRowsOf(candidateIds: readonly string[], skillIds: Iterable<string>): Map<string, IndexSkillRow[]> {
    const rows = new Map<string, IndexSkillRow[]>();
    const inBase: number[] = [];
    const denseToId = new Map<number, string>();
    const fromOverlay: [string, Map<number, OverlayPosting>][] = [];
    for (const id of candidateIds) {
      rows.set(id, []);
      const c = this.candidates.find(id);
      if (c === -1) continue;
      if (this.candidates.masked[c] === 1) {
        const postings = this.overlay.get(c);
        if (postings) fromOverlay.push([id, postings]);
      } else if (!denseToId.has(c)) {
        inBase.push(c);
        denseToId.set(c, id);
      }
    }
    inBase.sort((x, y) => x - y);
    const unpack = (day: number) => (day ? day - 1 : null);
    const b = this.base;
    const nBaseSkills = b.postingOffset.length - 1;
    for (const skillId of skillIds) {
      const s = this.skillIndex.get(skillId);
      if (s === undefined) continue;
      for (const [id, postings] of fromOverlay) {
        const op = postings.get(s);
        if (!op) continue;
        rows.get(id)!.push({
          skillId,
          strength: op.strength,
          verifiedStrength: op.verifiedStrength,
          lastEvidenceDay: unpack(op.day),
          lastVerifiedDay: unpack(op.verifiedDay),
        });
      }
      if (s >= nBaseSkills) continue;
      const end = b.postingOffset[s + 1];
      let p = b.postingOffset[s];
      for (const c of inBase) {
        p = seek(b.ids, p, end, c);
        if (p >= end) break;
        if (b.ids[p] !== c) continue;
        rows.get(denseToId.get(c)!)!.push({
          skillId,
          strength: b.str[p],
          verifiedStrength: b.vstr[p],
          lastEvidenceDay: unpack(b.day[p]),
          lastVerifiedDay: unpack(b.vday[p]),
        });
      }
    }
    return rows;
  }

  /** Folds the overlay into the compressed base (dense ids are kept). Linear in the index size. */
  compact(): void {
    if (this.overlay.size === 0) return;
    const builder = new RankingIndexBuilder();
    // Reuse the same candidate table and skill ids so dense ids and skill indexes stay stable.
    const b = this.base;
    const raw = builder as unknown as {
      candidates: CandidateTable;
      skillIds: string[];
      skillIndex: Map<string, number>;
    };
    Object.assign(raw, {
      candidates: this.candidates,
      skillIds: this.skillIds,
      skillIndex: this.skillIndex,
    });
    const nBaseSkills = b.postingOffset.length - 1;
    const masked = this.candidates.masked;
    for (let s = 0; s < nBaseSkills; s++) {
      for (let p = b.postingOffset[s]; p < b.postingOffset[s + 1]; p++) {
        const c = b.ids[p];
        if (masked[c] === 1) continue;
        builder.push(
          c,
          s,
          b.str[p],
          b.vstr[p],
          b.day[p] ? b.day[p] - 1 : null,
          b.vday[p] ? b.vday[p] - 1 : null,
        );
      }
    }
    for (const [c, postings] of this.overlay) {
      for (const [s, op] of postings) {
        builder.push(
          c,
          s,
          op.strength,
          op.verifiedStrength,
          op.day ? op.day - 1 : null,
          op.verifiedDay ? op.verifiedDay - 1 : null,
        );
      }
    }
    const rebuilt = builder.build();
    this.base = rebuilt.base;
    masked.fill(0);
    this.overlay = new Map();
  }
}
