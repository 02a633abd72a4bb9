import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  RankingIndexBuilder,
  compileIndexQuery,
  expandJob,
  rankingIndexTuning,
  taxonomyFromMaps,
  type IndexHit,
  type IndexQuery,
  type IndexSkillRow,
  type IndexVisibility,
  type JobRequirement,
  type SkillLevel,
} from '@/server/domain/ranking';
import { AS_OF_DAY } from './builders';
import { seededRandom } from '@/db/seed/demo-candidates';

/**
 * The optimized index query (decode-free postings, max-score pruning with galloping search over the candidates
 * still in contention, overlay scored apart) against a straightforward scorer that reads every candidate's profile,
 * on randomized indexes large and skewed enough for pruning to happen, with coarse strengths so ties are common.
 */

interface Cand {
  id: string;
  visibility: IndexVisibility;
  rows: IndexSkillRow[];
}

function randomUuid(rand: () => number): string {
  const hex = (n: number) => Array.from({ length: n }, () => Math.floor(rand() * 16).toString(16)).join('');
  return `${hex(8)}-${hex(4)}-4${hex(3)}-8${hex(3)}-${hex(12)}`;
}

function world(seed: number, coarse = false) {
  const rand = seededRandom(seed);
  const skills = Array.from({ length: 60 }, (_, i) => `k${String(i).padStart(2, '0')}`);
  const broader = new Map<string, string[]>();
  for (let i = 6; i < skills.length; i++) broader.set(skills[i], [skills[Math.floor(rand() * 6)]]);
  const related = new Map<string, { id: string; relation: 'essential' | 'optional' }[]>();
  for (let i = 0; i < 30; i++) {
    const a = skills[Math.floor(rand() * skills.length)];
    const b = skills[Math.floor(rand() * skills.length)];
    if (a !== b)
      related.set(a, [
        ...(related.get(a) ?? []),
        { id: b, relation: rand() < 0.4 ? 'essential' : 'optional' },
      ]);
  }
  const taxonomy = taxonomyFromMaps({ broader, related });
  // Skewed popularity: low skill numbers are held far more often.
  const pickSkill = () => skills[Math.floor(Math.pow(rand(), 2.2) * skills.length)];
  const visibilities: IndexVisibility[] = ['public', 'public', 'public', 'public', 'applied_only', 'hidden'];
  const profile = (): IndexSkillRow[] => {
    const rows: IndexSkillRow[] = [];
    const taken = new Set<string>();
    const n = 1 + Math.floor(rand() * 12);
    for (let i = 0; i < n; i++) {
      const skillId = pickSkill();
      if (taken.has(skillId)) continue;
      taken.add(skillId);
      const strength = coarse ? 1000 : [250, 500, 750, 1000][Math.floor(rand() * 4)];
      const verifiedStrength = coarse || rand() < 0.7 ? strength : rand() < 0.5 ? 0 : 250;
      const day = rand() < 0.1 ? null : AS_OF_DAY - Math.floor(rand() * 2000);
      rows.push({
        skillId,
        strength,
        verifiedStrength,
        lastEvidenceDay: day,
        lastVerifiedDay: verifiedStrength ? day : null,
      });
    }
    return rows;
  };
  const candidates: Cand[] = Array.from({ length: 4000 }, () => ({
    id: randomUuid(rand),
    visibility: visibilities[Math.floor(rand() * visibilities.length)],
    rows: profile(),
  }));
  const job = (): JobRequirement[] => {
    const picked = new Set<string>();
    const size = 3 + Math.floor(rand() * 10);
    while (picked.size < size) picked.add(rand() < 0.7 ? pickSkill() : skills[Math.floor(rand() * 60)]);
    const levels: (SkillLevel | null)[] = [null, null, null, 'intermediate', 'advanced'];
    return [...picked].map((skillId) => ({
      skillId,
      label: skillId,
      importance: coarse ? 1 : [1, 2, 2, 3, 5][Math.floor(rand() * 5)],
      mustHave: !coarse && rand() < 0.2,
      minLevel: coarse ? null : levels[Math.floor(rand() * levels.length)],
      recencyMonths: !coarse && rand() < 0.15 ? 36 : null,
    }));
  };
  return { rand, taxonomy, candidates, profile, job };
}

const rowsBySkill = new WeakMap<Cand, Map<string, IndexSkillRow>>();

/** Scores every live candidate from its rows, exactly as `IndexQuery` is specified; no index involved. */
function referenceQuery(live: Iterable<Cand>, q: IndexQuery): IndexHit[] {
  let fullMask = 0;
  for (const r of q.requirements) if (r.mustBit >= 0) fullMask = (fullMask | (1 << r.mustBit)) >>> 0;
  const hits: IndexHit[] = [];
  for (const c of live) {
    if (c.visibility === 'hidden') continue;
    if (c.visibility === 'applied_only' && !q.appliedCandidateIds?.has(c.id)) continue;
    let bySkill = rowsBySkill.get(c);
    if (!bySkill) rowsBySkill.set(c, (bySkill = new Map(c.rows.map((r) => [r.skillId, r]))));
    let points = 0;
    let mask = 0;
    for (const req of q.requirements) {
      let best = 0;
      for (const route of req.routes) {
        const row = bySkill.get(route.skillId);
        if (!row) continue;
        const str = q.verifiedOnly ? row.verifiedStrength : row.strength;
        const day = q.verifiedOnly ? row.lastVerifiedDay : row.lastEvidenceDay;
        if (str <= 0) continue;
        if (req.cutoffDay !== null && (day === null || day < req.cutoffDay)) continue;
        best = Math.max(best, route.factor * str);
        if (route.full && req.mustBit >= 0 && str >= req.threshold) mask |= 1 << req.mustBit;
      }
      points += req.importance * best;
    }
    const mustHavesMet = ((mask >>> 0) & fullMask) >>> 0 === fullMask;
    if (points === 0 || (q.mustHavesOnly && !mustHavesMet)) continue;
    hits.push({ candidateId: c.id, points, mustHavesMet });
  }
  hits.sort((a, b) => b.points - a.points || (a.candidateId < b.candidateId ? -1 : 1));
  return hits.slice(0, q.limit);
}

const TUNINGS = [
  { name: 'default tuning', tuning: { ...rankingIndexTuning } },
  { name: 'pruning whenever the bound allows, galloping', tuning: { gallopRatio: 0, pruneRatio: 0 } },
  { name: 'pruning whenever the bound allows, flagged scans', tuning: { gallopRatio: 1e9, pruneRatio: 0 } },
];

describe.each(TUNINGS)('RankingIndex query with pruning ($name)', ({ name, tuning }) => {
  const saved = { ...rankingIndexTuning };
  beforeAll(() => Object.assign(rankingIndexTuning, tuning));
  afterAll(() => Object.assign(rankingIndexTuning, saved));

  it('returns exactly the straightforward scorer’s top K across seeds, options, limits and overlay updates', () => {
    let pruned = 0;
    let notPruned = 0;
    let compared = 0;
    for (const seed of [11, 22, 33]) {
      const { rand, taxonomy, candidates, profile, job } = world(seed);
      const builder = new RankingIndexBuilder();
      for (const c of candidates) builder.add(c.id, c.visibility, c.rows);
      const index = builder.build();
      const live = new Map(candidates.map((c) => [c.id, c]));
      const applied = new Set(candidates.filter(() => rand() < 0.5).map((c) => c.id));
      const check = (rounds: number) => {
        for (let j = 0; j < rounds; j++) {
          const requirements = job();
          if (j % 6 === 0)
            requirements.push({
              skillId: 'k00-new',
              label: 'new',
              importance: 4,
              mustHave: j % 12 === 0,
              minLevel: null,
              recencyMonths: null,
            });
          const partialCredit = j % 2 === 0;
          const verifiedOnly = j % 3 === 0;
          const mustHavesOnly = j % 5 === 1;
          const limit = [1, 3, 10, 50, 200][j % 5];
          const q: IndexQuery = {
            ...compileIndexQuery(requirements, expandJob(requirements, taxonomy, partialCredit), {
              verifiedOnly,
              mustHavesOnly,
              limit,
              asOfDay: AS_OF_DAY,
            }),
            appliedCandidateIds: j % 4 === 3 ? undefined : applied,
          };
          expect(index.query(q)).toEqual(referenceQuery(live.values(), q));
          compared++;
          if (index.lastTrace.prunedAfter >= 0) pruned++;
          else notPruned++;
        }
      };
      check(60);
      // Overlay: updated profiles (some with a skill the base has never seen), new candidates, visibility
      // changes and removals.
      for (let i = 0; i < 150; i++) {
        const c = candidates[Math.floor(rand() * candidates.length)];
        const rows = profile();
        if (i % 10 === 0)
          rows.push({
            skillId: 'k00-new',
            strength: 1000,
            verifiedStrength: 1000,
            lastEvidenceDay: AS_OF_DAY,
            lastVerifiedDay: AS_OF_DAY,
          });
        const next: Cand = {
          id: c.id,
          visibility: i % 7 === 0 ? 'applied_only' : i % 11 === 0 ? 'hidden' : 'public',
          rows,
        };
        index.upsertCandidate(next.id, next.visibility, next.rows);
        live.set(next.id, next);
      }
      for (let i = 0; i < 30; i++) {
        const next: Cand = { id: randomUuid(rand), visibility: 'public', rows: profile() };
        index.upsertCandidate(next.id, next.visibility, next.rows);
        live.set(next.id, next);
      }
      for (let i = 0; i < 30; i++) {
        const c = candidates[Math.floor(rand() * candidates.length)];
        index.removeCandidate(c.id);
        live.delete(c.id);
      }
      check(40);
      index.compact();
      check(20);
    }
    expect(compared).toBe(360);
    // Both the pruned and the full-scan paths were compared.
    if (name !== 'default tuning') expect(pruned).toBeGreaterThan(150);
    expect(notPruned).toBeGreaterThan(20);
  });

  it('keeps exact ties at the pruning bound (every score a multiple of one requirement’s bound)', () => {
    let compared = 0;
    for (const seed of [5, 6, 7]) {
      const { rand, candidates, job } = world(seed, true);
      const builder = new RankingIndexBuilder();
      for (const c of candidates) builder.add(c.id, c.visibility, c.rows);
      const index = builder.build();
      const applied = new Set(candidates.filter(() => rand() < 0.5).map((c) => c.id));
      for (let j = 0; j < 60; j++) {
        const requirements = job();
        const q: IndexQuery = {
          ...compileIndexQuery(
            requirements,
            requirements.map((r) => [{ skillId: r.skillId, kind: 'exact', factor: 100, path: [r.skillId] }]),
            { verifiedOnly: false, mustHavesOnly: false, limit: [1, 3, 10, 50][j % 4], asOfDay: AS_OF_DAY },
          ),
          appliedCandidateIds: applied,
        };
        expect(index.query(q)).toEqual(referenceQuery(candidates, q));
        compared++;
      }
    }
    expect(compared).toBe(180);
  });
});
