import { FULL_MATCH_KINDS, levelThreshold, recencyCutoffDay } from './match-routes';
import type { JobRequirement, MatchRoute } from './types';

/**
 * In-memory ranking index: skill → posting list of (candidate, strength, verified strength, last evidence days),
 * with candidate ids delta-varint compressed and the other columns in typed arrays. A query touches only the
 * postings of the job's skills and their taxonomy neighbours, accumulates exact integer points per candidate
 * (Σ importance × factor × strength, the same arithmetic as `scoreCandidate`) and keeps the best K in a heap
 * ordered by points, then candidate uuid — so it returns exactly what the reference scorer would.
 *
 * Updates go to a small overlay (the candidate's base postings are masked, the new profile kept in a map) and are
 * folded into the compressed base by `compact()`.
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
    const str = new Uint16Array(this.n);
    const vstr = new Uint16Array(this.n);
    const day = new Uint16Array(this.n);
    const vday = new Uint16Array(this.n);
    const cands = new Uint32Array(this.n);
    for (let p = 0; p < this.n; p++) {
      const i = order[p];
      cands[p] = this.cand[i];
      str[p] = this.str[i];
      vstr[p] = this.vstr[i];
      day[p] = this.day[i];
      vday[p] = this.vday[i];
    }
    // Delta-varint encode candidate ids per skill.
    let bytes = new Uint8Array(Math.max(16, this.n * 2));
    let pos = 0;
    const byteOffset = new Uint32Array(nSkills + 1);
    for (let s = 0; s < nSkills; s++) {
      byteOffset[s] = pos;
      let prev = -1;
      for (let p = postingOffset[s]; p < postingOffset[s + 1]; p++) {
        if (cands[p] === prev) throw new Error('Ranking index: a candidate has the same skill twice');
        let delta = cands[p] - prev;
        prev = cands[p];
        if (pos + 5 > bytes.length) bytes = grow(bytes, pos + 5);
        while (delta >= 0x80) {
          bytes[pos++] = (delta & 0x7f) | 0x80;
          delta >>>= 7;
        }
        bytes[pos++] = delta;
      }
    }
    byteOffset[nSkills] = pos;
    return new RankingIndex(this.candidates, this.skillIds, this.skillIndex, {
      postingOffset,
      byteOffset,
      ids: bytes.slice(0, pos),
      str,
      vstr,
      day,
      vday,
    });
  }
}

interface BaseColumns {
  postingOffset: Uint32Array;
  byteOffset: Uint32Array;
  ids: Uint8Array;
  str: Uint16Array;
  vstr: Uint16Array;
  day: Uint16Array;
  vday: Uint16Array;
}

export class RankingIndex {
  private overlay = new Map<number, Map<number, OverlayPosting>>();
  private acc = new Uint32Array(0);
  private cur = new Uint32Array(0);
  private mask = new Uint32Array(0);
  private stamp = new Uint32Array(0);
  private curStamp = new Uint32Array(0);
  private touched = new Uint32Array(0);
  private epoch = 0;
  private curEpoch = 0;

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
    const scratch = [this.acc, this.cur, this.mask, this.stamp, this.curStamp, this.touched].reduce(
      (sum, a) => sum + a.byteLength,
      0,
    );
    const baseBytes =
      b.postingOffset.byteLength +
      b.byteOffset.byteLength +
      b.ids.byteLength +
      b.str.byteLength +
      b.vstr.byteLength +
      b.day.byteLength +
      b.vday.byteLength;
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
    this.cur = new Uint32Array(size);
    this.mask = new Uint32Array(size);
    this.stamp = new Uint32Array(size);
    this.curStamp = new Uint32Array(size);
    this.touched = new Uint32Array(size);
    this.epoch = 0;
    this.curEpoch = 0;
  }

  /**
   * Top `limit` candidates by points (ties: candidate uuid ascending), leaving out hidden candidates,
   * 'applied_only' ones that did not apply to the organization, candidates with no credit and — when
   * `mustHavesOnly` — candidates missing a must-have. Cost is linear in the postings of the query's skills.
   */
  query(q: IndexQuery): IndexHit[] {
    this.ensureScratch();
    if (this.epoch >= 0xfffffff0 || this.curEpoch >= 0xfffffff0) {
      this.stamp.fill(0);
      this.curStamp.fill(0);
      this.epoch = 0;
      this.curEpoch = 0;
    }
    const epoch = ++this.epoch;
    const { acc, cur, mask, stamp, curStamp, touched } = this;
    const masked = this.candidates.masked;
    const b = this.base;
    const strCol = q.verifiedOnly ? b.vstr : b.str;
    const dayCol = q.verifiedOnly ? b.vday : b.day;
    let nTouched = 0;
    let fullMask = 0;
    for (const req of q.requirements) if (req.mustBit >= 0) fullMask = (fullMask | (1 << req.mustBit)) >>> 0;

    for (const req of q.requirements) {
      const curE = ++this.curEpoch;
      const imp = req.importance;
      const bit = req.mustBit >= 0 ? (1 << req.mustBit) >>> 0 : 0;
      const cutoff = req.cutoffDay === null ? -1 : req.cutoffDay + 1; // packed days are day + 1
      const threshold = req.threshold;
      for (const route of req.routes) {
        const s = this.skillIndex.get(route.skillId);
        if (s === undefined || s >= b.postingOffset.length - 1) continue;
        const factor = route.factor;
        const mustBit = route.full ? bit : 0;
        const ids = b.ids;
        let pos = b.byteOffset[s];
        const end = b.byteOffset[s + 1];
        let p = b.postingOffset[s];
        let c = -1;
        while (pos < end) {
          let byte = ids[pos++];
          let delta = byte & 0x7f;
          let shift = 7;
          while (byte & 0x80) {
            byte = ids[pos++];
            delta |= (byte & 0x7f) << shift;
            shift += 7;
          }
          c += delta;
          const pi = p++;
          if (masked[c] === 1) continue;
          const str = strCol[pi];
          if (str === 0) continue;
          if (cutoff >= 0) {
            const d = dayCol[pi];
            if (d === 0 || d < cutoff) continue;
          }
          if (stamp[c] !== epoch) {
            stamp[c] = epoch;
            acc[c] = 0;
            mask[c] = 0;
            touched[nTouched++] = c;
          }
          const v = factor * str;
          if (curStamp[c] !== curE) {
            curStamp[c] = curE;
            cur[c] = v;
            acc[c] += imp * v;
          } else if (v > cur[c]) {
            acc[c] += imp * (v - cur[c]);
            cur[c] = v;
          }
          if (mustBit !== 0 && str >= threshold) mask[c] |= mustBit;
        }
      }
      // Overlay candidates (recently updated): same arithmetic over their in-memory profile.
      for (const [c, postings] of this.overlay) {
        for (const route of req.routes) {
          const s = this.skillIndex.get(route.skillId);
          if (s === undefined) continue;
          const op = postings.get(s);
          if (!op) continue;
          const str = q.verifiedOnly ? op.verifiedStrength : op.strength;
          if (str === 0) continue;
          if (cutoff >= 0) {
            const d = q.verifiedOnly ? op.verifiedDay : op.day;
            if (d === 0 || d < cutoff) continue;
          }
          if (stamp[c] !== epoch) {
            stamp[c] = epoch;
            acc[c] = 0;
            mask[c] = 0;
            touched[nTouched++] = c;
          }
          const v = route.factor * str;
          if (curStamp[c] !== curE) {
            curStamp[c] = curE;
            cur[c] = v;
            acc[c] += imp * v;
          } else if (v > cur[c]) {
            acc[c] += imp * (v - cur[c]);
            cur[c] = v;
          }
          if (route.full && bit !== 0 && str >= threshold) mask[c] |= bit;
        }
      }
    }

    // Top-K over touched candidates: a heap of dense ids, worst at the root.
    const k = Math.max(0, q.limit);
    const heap = new Int32Array(k);
    let size = 0;
    const cands = this.candidates;
    const vis = cands.visibility;
    const applied = q.appliedCandidateIds;
    const worse = (a: number, bb: number) => acc[a] < acc[bb] || (acc[a] === acc[bb] && cands.before(bb, a));
    for (let t = 0; t < nTouched; t++) {
      const c = touched[t];
      const points = acc[c];
      if (points === 0) continue;
      if (size === k && k > 0 && points < acc[heap[0]]) continue;
      const v = vis[c];
      if (v === VIS_CODE.hidden) continue;
      if (q.mustHavesOnly && (mask[c] & fullMask) >>> 0 !== fullMask) continue;
      if (v === VIS_CODE.applied_only && !(applied && applied.has(cands.uuid(c)))) continue;
      if (k === 0) continue;
      if (size < k) {
        let i = size++;
        heap[i] = c;
        while (i > 0) {
          const parent = (i - 1) >> 1;
          if (worse(heap[i], heap[parent])) {
            const tmp = heap[i];
            heap[i] = heap[parent];
            heap[parent] = tmp;
            i = parent;
          } else break;
        }
      } else if (worse(heap[0], c)) {
        heap[0] = c;
        let i = 0;
        for (;;) {
          const l = 2 * i + 1;
          const r = l + 1;
          let w = i;
          if (l < size && worse(heap[l], heap[w])) w = l;
          if (r < size && worse(heap[r], heap[w])) w = r;
          if (w === i) break;
          const tmp = heap[i];
          heap[i] = heap[w];
          heap[w] = tmp;
          i = w;
        }
      }
    }
    const out = Array.from(heap.subarray(0, size));
    out.sort((a, bb) => (worse(a, bb) ? 1 : worse(bb, a) ? -1 : 0));
    return out.map((c) => ({
      candidateId: cands.uuid(c),
      points: acc[c],
      mustHavesMet: (mask[c] & fullMask) >>> 0 === fullMask,
    }));
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
      let pos = b.byteOffset[s];
      const end = b.byteOffset[s + 1];
      let p = b.postingOffset[s];
      let c = -1;
      while (pos < end) {
        let byte = b.ids[pos++];
        let delta = byte & 0x7f;
        let shift = 7;
        while (byte & 0x80) {
          byte = b.ids[pos++];
          delta |= (byte & 0x7f) << shift;
          shift += 7;
        }
        c += delta;
        const pi = p++;
        if (masked[c] === 1) continue;
        builder.push(
          c,
          s,
          b.str[pi],
          b.vstr[pi],
          b.day[pi] ? b.day[pi] - 1 : null,
          b.vday[pi] ? b.vday[pi] - 1 : null,
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
