import { describe, expect, it } from 'vitest';
import {
  RankingIndexBuilder,
  compileIndexQuery,
  expandJob,
  rankCandidates,
  taxonomyFromMaps,
  type CandidateProfile,
  type IndexSkillRow,
  type JobRequirement,
  type SkillLevel,
} from '@/server/domain/ranking';
import { AS_OF_DAY, uuid } from './builders';

/** Deterministic PRNG so failures reproduce. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s ^ (s >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0;
    return s / 2 ** 32;
  };
}

function world(seed: number) {
  const rand = rng(seed);
  const skills = Array.from({ length: 40 }, (_, i) => `s${String(i).padStart(2, '0')}`);
  const broader = new Map<string, string[]>();
  for (let i = 4; i < skills.length; i++)
    broader.set(skills[i], [skills[Math.floor(rand() * (i < 12 ? 4 : 12))]]);
  const related = new Map<string, { id: string; relation: 'essential' | 'optional' }[]>();
  for (let i = 0; i < 15; i++) {
    const a = skills[Math.floor(rand() * skills.length)];
    const b = skills[Math.floor(rand() * skills.length)];
    if (a !== b)
      related.set(a, [
        ...(related.get(a) ?? []),
        { id: b, relation: rand() < 0.3 ? 'essential' : 'optional' },
      ]);
  }
  const taxonomy = taxonomyFromMaps({ broader, related });
  const visibilities = ['public', 'public', 'applied_only', 'hidden'] as const;
  const candidates = Array.from({ length: 300 }, (_, i) => {
    const rows: IndexSkillRow[] = [];
    const n = 1 + Math.floor(rand() * 8);
    const taken = new Set<string>();
    for (let k = 0; k < n; k++) {
      const skillId = skills[Math.floor(rand() * skills.length)];
      if (taken.has(skillId)) continue;
      taken.add(skillId);
      // Coarse strengths so ties happen.
      const strength = [200, 500, 800, 1000][Math.floor(rand() * 4)];
      const verified = rand() < 0.7 ? strength : rand() < 0.5 ? 0 : Math.floor(strength / 2);
      const day = rand() < 0.1 ? null : AS_OF_DAY - Math.floor(rand() * 2000);
      rows.push({
        skillId,
        strength,
        verifiedStrength: verified,
        lastEvidenceDay: day,
        lastVerifiedDay: verified ? day : null,
      });
    }
    return {
      id: uuid(1000 + ((i * 7919) % 300)),
      visibility: visibilities[Math.floor(rand() * 4)],
      rows,
    };
  });
  const job = (): JobRequirement[] => {
    const picked = new Set<string>();
    while (picked.size < 5) picked.add(skills[Math.floor(rand() * skills.length)]);
    const levels: (SkillLevel | null)[] = [null, null, 'intermediate', 'advanced'];
    return [...picked].map((skillId) => ({
      skillId,
      label: skillId,
      importance: 1 + Math.floor(rand() * 5),
      mustHave: rand() < 0.3,
      minLevel: levels[Math.floor(rand() * 4)],
      recencyMonths: rand() < 0.2 ? 36 : null,
    }));
  };
  return { rand, taxonomy, candidates, job };
}

function toProfile(c: { id: string; rows: IndexSkillRow[] }): CandidateProfile {
  return {
    candidateId: c.id,
    skills: new Map(c.rows.map((r) => [r.skillId, { ...r, evidence: [] }])),
  };
}

describe('RankingIndex', () => {
  it('returns exactly the reference ranking (points, order, must-haves) across random jobs and options', () => {
    let nonEmpty = 0;
    for (const seed of [1, 2, 3]) {
      const { rand, taxonomy, candidates, job } = world(seed);
      const builder = new RankingIndexBuilder();
      for (const c of candidates) builder.add(c.id, c.visibility, c.rows);
      const index = builder.build();
      const applied = new Set(
        candidates.filter((c) => c.visibility === 'applied_only' && rand() < 0.5).map((c) => c.id),
      );
      const visible = candidates.filter((c) => c.visibility === 'public' || applied.has(c.id));
      for (let j = 0; j < 40; j++) {
        const requirements = job();
        const partialCredit = j % 2 === 0;
        const verifiedOnly = j % 3 === 0;
        const mustHavesOnly = j % 4 === 1;
        const limit = j % 5 === 0 ? 7 : 50;
        const routes = expandJob(requirements, taxonomy, partialCredit);
        const hits = index.query({
          ...compileIndexQuery(requirements, routes, {
            verifiedOnly,
            mustHavesOnly,
            limit,
            asOfDay: AS_OF_DAY,
          }),
          appliedCandidateIds: applied,
        });
        const reference = rankCandidates(
          { jobId: 'j', version: 1, requirements },
          visible.map(toProfile),
          taxonomy,
          {
            partialCredit,
            verifiedOnly,
            asOfDay: AS_OF_DAY,
            mustHavesOnly,
            limit,
          },
        );
        expect(hits).toEqual(
          reference.map((r) => ({
            candidateId: r.candidateId,
            points: r.points,
            mustHavesMet: r.mustHavesMet,
          })),
        );
        if (hits.length > 0) nonEmpty++;
      }
    }
    // The comparison must have had something to compare.
    expect(nonEmpty).toBeGreaterThan(90);
  });

  it('applies candidate updates and removals incrementally, and compaction changes nothing', () => {
    const { taxonomy, candidates, job, rand } = world(7);
    const builder = new RankingIndexBuilder();
    for (const c of candidates) builder.add(c.id, c.visibility, c.rows);
    const index = builder.build();
    const live = new Map(candidates.map((c) => [c.id, c]));
    // Update 40 candidates, add 10 new ones, remove 10.
    for (let i = 0; i < 40; i++) {
      const c = candidates[Math.floor(rand() * candidates.length)];
      const donor = candidates[Math.floor(rand() * candidates.length)];
      const next = {
        id: c.id,
        visibility: 'public' as const,
        rows: [
          ...donor.rows,
          {
            skillId: 'brand-new',
            strength: 900,
            verifiedStrength: 900,
            lastEvidenceDay: AS_OF_DAY,
            lastVerifiedDay: AS_OF_DAY,
          },
        ],
      };
      index.upsertCandidate(next.id, next.visibility, next.rows);
      live.set(c.id, next);
    }
    for (let i = 0; i < 10; i++) {
      const next = {
        id: uuid(90_000 + i),
        visibility: 'public' as const,
        rows: candidates[i].rows,
      };
      index.upsertCandidate(next.id, next.visibility, next.rows);
      live.set(next.id, next);
    }
    for (let i = 0; i < 10; i++) {
      const c = candidates[100 + i];
      index.removeCandidate(c.id);
      live.delete(c.id);
    }
    expect(index.overlaySize).toBeGreaterThan(0);
    const visible = [...live.values()].filter((c) => c.visibility === 'public');
    const check = () => {
      for (let j = 0; j < 20; j++) {
        const requirements = job();
        if (j % 3 === 0)
          requirements.push({
            skillId: 'brand-new',
            label: 'new',
            importance: 2,
            mustHave: false,
            minLevel: null,
            recencyMonths: null,
          });
        const routes = expandJob(requirements, taxonomy, true);
        const hits = index.query(
          compileIndexQuery(requirements, routes, {
            verifiedOnly: false,
            mustHavesOnly: false,
            limit: 50,
            asOfDay: AS_OF_DAY,
          }),
        );
        const reference = rankCandidates(
          { jobId: 'j', version: 1, requirements },
          visible.map(toProfile),
          taxonomy,
          {
            partialCredit: true,
            verifiedOnly: false,
            asOfDay: AS_OF_DAY,
            mustHavesOnly: false,
            limit: 50,
          },
        );
        expect(hits.map((h) => [h.candidateId, h.points])).toEqual(
          reference.map((r) => [r.candidateId, r.points]),
        );
      }
    };
    check();
    index.compact();
    expect(index.overlaySize).toBe(0);
    check();
    expect(index.has(candidates[100].id)).toBe(false);
    expect(index.stats().bytes).toBeGreaterThan(0);
  });

  it('reads back the stored rows of some candidates for some skills, from the base and the overlay', () => {
    const { candidates } = world(4);
    const builder = new RankingIndexBuilder();
    for (const c of candidates) builder.add(c.id, c.visibility, c.rows);
    const index = builder.build();
    const [updated, removed, ...rest] = candidates.filter((c) => c.rows.length >= 2);
    const newRows = [{ ...updated.rows[0], strength: 1, verifiedStrength: 0 }];
    index.upsertCandidate(updated.id, 'public', newRows);
    index.removeCandidate(removed.id);
    const asked = new Set([
      's00',
      's03',
      's07',
      's11',
      's20',
      updated.rows[0].skillId,
      rest[0].rows[1].skillId,
    ]);
    const ids = [rest[2].id, updated.id, uuid(99_999), rest[0].id, removed.id, rest[1].id];
    const rows = index.skillRowsOf(ids, asked);
    const expected = (c: { rows: IndexSkillRow[] }) =>
      c.rows.filter((r) => asked.has(r.skillId)).sort((a, b) => a.skillId.localeCompare(b.skillId));
    const sorted = (r: IndexSkillRow[] | undefined) =>
      [...(r ?? [])].sort((a, b) => a.skillId.localeCompare(b.skillId));
    for (const c of rest.slice(0, 3)) expect(sorted(rows.get(c.id))).toEqual(expected(c));
    expect(rows.get(updated.id)).toEqual(newRows);
    expect(rows.get(removed.id)).toEqual([]);
    expect(rows.get(uuid(99_999))).toEqual([]);
    expect(rows.size).toBe(ids.length);
  });

  it('rejects non-uuid candidate ids', () => {
    expect(() => new RankingIndexBuilder().candidate('not-a-uuid', 'public')).toThrow(/uuid/);
  });
});
