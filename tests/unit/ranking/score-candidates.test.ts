import { describe, expect, it } from 'vitest';
import {
  MATCH_FACTOR,
  closingTheGap,
  compareCandidates,
  comparisonToCsv,
  expandJob,
  expandRequirement,
  explainGaps,
  rankCandidates,
  scoreCandidate,
  type JobSpec,
  type KnownAchievement,
  type RankOptions,
} from '@/server/domain/ranking';
import { AS_OF_DAY, profile, requirement, taxonomy, uuid } from './builders';

const opts: RankOptions = {
  partialCredit: true,
  verifiedOnly: false,
  asOfDay: AS_OF_DAY,
};
const job = (...reqs: ReturnType<typeof requirement>[]): JobSpec => ({
  jobId: 'j',
  version: 1,
  requirements: reqs,
});
const score = (spec: JobSpec, p: ReturnType<typeof profile>, o: RankOptions = opts) =>
  scoreCandidate(spec, expandJob(spec.requirements, taxonomy, o.partialCredit), p, taxonomy, o);

describe('expandRequirement', () => {
  it('follows narrower skills at full credit and records the path', () => {
    const routes = expandRequirement('programming', taxonomy, false);
    expect(routes.map((r) => [r.skillId, r.kind, r.factor])).toEqual([
      ['django', 'narrower', 100],
      ['java', 'narrower', 100],
      ['programming', 'exact', 100],
      ['python', 'narrower', 100],
    ]);
    expect(routes.find((r) => r.skillId === 'django')!.path).toEqual(['programming', 'python', 'django']);
  });

  it('adds broader, sibling and related skills only with partial credit', () => {
    expect(expandRequirement('python', taxonomy, false).map((r) => r.skillId)).toEqual(['django', 'python']);
    const routes = expandRequirement('python', taxonomy, true);
    const kinds = Object.fromEntries(routes.map((r) => [r.skillId, r.kind]));
    expect(kinds).toEqual({
      django: 'narrower',
      python: 'exact',
      programming: 'broader',
      java: 'sibling',
      'data-analysis': 'related_essential',
    });
    expect(routes.find((r) => r.skillId === 'java')!.path).toEqual(['python', 'programming', 'java']);
  });
});

describe('scoreCandidate', () => {
  it('gives full credit for the exact skill and for a narrower one', () => {
    const spec = job(requirement('python', { importance: 3 }));
    const exact = score(spec, profile(uuid(1), { python: 800 }));
    expect(exact.points).toBe(3 * 100 * 800);
    expect(exact.contributions[0].status).toBe('matched');
    const narrower = score(spec, profile(uuid(2), { django: 800 }));
    expect(narrower.points).toBe(exact.points);
    expect(narrower.contributions[0].status).toBe('matched');
    expect(narrower.contributions[0].via!.path).toEqual(['python', 'django']);
  });

  it('gives partial credit for a broader, sibling or related skill, with the path', () => {
    const spec = job(requirement('python'));
    const cases: [string, keyof typeof MATCH_FACTOR, string[]][] = [
      ['programming', 'broader', ['python', 'programming']],
      ['java', 'sibling', ['python', 'programming', 'java']],
      ['data-analysis', 'related_essential', ['python', 'data-analysis']],
    ];
    for (const [skill, kind, path] of cases) {
      const s = score(spec, profile(uuid(1), { [skill]: 1000 }));
      const c = s.contributions[0];
      expect(c.status).toBe('partial');
      expect(c.via).toMatchObject({
        skillId: skill,
        kind,
        path,
        factor: MATCH_FACTOR[kind],
      });
      expect(s.points).toBe(MATCH_FACTOR[kind] * 1000);
    }
    expect(
      score(spec, profile(uuid(1), { java: 1000 }), {
        ...opts,
        partialCredit: false,
      }).points,
    ).toBe(0);
  });

  it('treats related skills symmetrically and keeps the best route', () => {
    const s = score(job(requirement('kotlin')), profile(uuid(1), { java: 900 }));
    expect(s.contributions[0].via).toMatchObject({
      skillId: 'java',
      kind: 'related_optional',
    });
    const both = score(job(requirement('python')), profile(uuid(1), { java: 1000, 'data-analysis': 1000 }));
    expect(both.contributions[0].via!.kind).toBe('related_essential');
  });

  it('flags missing must-haves; partial credit does not meet a must-have', () => {
    const spec = job(requirement('python', { mustHave: true }), requirement('java'));
    const partial = score(spec, profile(uuid(1), { programming: 1000, java: 1000 }));
    expect(partial.mustHavesMet).toBe(false);
    expect(partial.missingMustHaves).toEqual(['python']);
    expect(partial.points).toBeGreaterThan(0);
    expect(score(spec, profile(uuid(2), { django: 300 })).mustHavesMet).toBe(true);
  });

  it('applies the minimum level and the recency window', () => {
    const spec = job(requirement('python', { mustHave: true, minLevel: 'advanced' }));
    const weak = score(spec, profile(uuid(1), { python: 500 }));
    expect(weak.mustHavesMet).toBe(false);
    expect(weak.contributions[0]).toMatchObject({
      status: 'partial',
      belowMinLevel: true,
      points: 100 * 500,
    });
    expect(score(spec, profile(uuid(1), { python: 700 })).mustHavesMet).toBe(true);

    const recent = job(requirement('python', { recencyMonths: 12 }));
    const old = score(recent, profile(uuid(1), { python: 900 }, AS_OF_DAY - 800));
    expect(old.points).toBe(0);
    expect(old.contributions[0]).toMatchObject({
      status: 'missing',
      outsideRecencyWindow: true,
    });
    expect(score(recent, profile(uuid(1), { python: 900 }, AS_OF_DAY - 200)).points).toBe(90_000);
  });

  it('decomposes every score exactly into per-skill contributions', () => {
    const spec = job(
      requirement('python', { importance: 5, mustHave: true }),
      requirement('java', { importance: 2 }),
      requirement('kotlin', { importance: 3 }),
      requirement('data-analysis', { importance: 1 }),
    );
    const s = score(spec, profile(uuid(1), { django: 731, programming: 333, java: 77 }));
    const sum = s.contributions.reduce((acc, c) => acc + c.points, 0);
    expect(sum).toBe(s.points);
    expect(s.contributions.reduce((acc, c) => acc + c.maxPoints, 0)).toBe(s.maxPoints);
    expect(s.score).toBe(s.points / s.maxPoints);
    expect(s.maxPoints).toBe((5 + 2 + 3 + 1) * 100 * 1000);
  });

  it('uses only verified evidence when asked', () => {
    const p = profile(uuid(1), { python: 800 });
    p.skills.get('python')!.verifiedStrength = 0;
    expect(score(job(requirement('python')), p, { ...opts, verifiedOnly: true }).points).toBe(0);
  });
});

describe('rankCandidates', () => {
  const spec = job(requirement('python', { importance: 2, mustHave: true }), requirement('java'));
  const profiles = [
    profile(uuid(5), { python: 500 }),
    profile(uuid(3), { python: 500 }),
    profile(uuid(9), { java: 1000 }),
    profile(uuid(1), { python: 1000, java: 1000 }),
    profile(uuid(4), { kotlin: 10 }),
    profile(uuid(7), { cooking: 1000 }),
  ];
  const ranked = (list: typeof profiles, mustHavesOnly = false) =>
    rankCandidates(spec, list, taxonomy, {
      ...opts,
      mustHavesOnly,
      limit: 10,
    }).map((s) => s.candidateId);

  it('orders by score with ties broken by candidate id, whatever the input order', () => {
    const expected = [uuid(1), uuid(9), uuid(3), uuid(5), uuid(4)];
    expect(ranked(profiles)).toEqual(expected);
    expect(ranked([...profiles].reverse())).toEqual(expected);
    expect(ranked([profiles[2], profiles[0], profiles[5], profiles[1], profiles[4], profiles[3]])).toEqual(
      expected,
    );
  });

  it('can make must-haves a hard filter and honours the limit', () => {
    expect(ranked(profiles, true)).toEqual([uuid(1), uuid(3), uuid(5)]);
    expect(
      rankCandidates(spec, profiles, taxonomy, {
        ...opts,
        mustHavesOnly: false,
        limit: 2,
      }).length,
    ).toBe(2);
  });
});

describe('explainGaps and comparison', () => {
  const catalog = new Map<string, KnownAchievement[]>([
    [
      'python',
      [
        {
          skillId: 'python',
          achievementName: 'Python Basics',
          issuerName: 'Academy',
          holders: 3,
        },
        {
          skillId: 'python',
          achievementName: 'Advanced Python',
          issuerName: 'Uni',
          holders: 9,
        },
      ],
    ],
  ]);
  const spec = job(requirement('python', { mustHave: true }), requirement('java'), requirement('kotlin'));

  it('says what the candidate has instead, via which path, with which credential, and how to close the gap', () => {
    const s = score(spec, profile(uuid(1), { programming: 900, java: 1000 }));
    const gaps = explainGaps(s, taxonomy, catalog);
    expect(gaps.map((g) => [g.skillId, g.status])).toEqual([
      ['python', 'partial'],
      ['kotlin', 'partial'],
    ]);
    expect(gaps[0].instead).toMatchObject({
      skillId: 'programming',
      kind: 'broader',
      path: [
        { id: 'python', label: 'Python' },
        { id: 'programming', label: 'Programming' },
      ],
    });
    expect(gaps[0].evidence).toEqual([
      {
        credentialId: `cred-${uuid(1)}-programming`,
        achievementName: 'programming badge',
        issuerName: 'Academy',
      },
    ]);
    expect(gaps[0].mustHave).toBe(true);
    expect(gaps[0].closingTheGap.map((a) => a.achievementName)).toEqual(['Advanced Python', 'Python Basics']);
    expect(gaps[1].instead!.kind).toBe('related_optional');
  });

  it('lists missing skills with no substitute', () => {
    const gaps = explainGaps(score(spec, profile(uuid(1), {})), taxonomy, catalog);
    expect(gaps[0]).toMatchObject({
      status: 'missing',
      instead: null,
      evidence: [],
    });
    expect(closingTheGap('kotlin', catalog)).toEqual([]);
  });

  it('builds a skills × candidates matrix whose columns sum to the scores, and a CSV', () => {
    const scores = [
      score(spec, profile(uuid(1), { python: 1000 })),
      score(spec, profile(uuid(2), { java: 500, kotlin: 250 })),
    ];
    const m = compareCandidates(spec.requirements, scores);
    expect(m.cells.length).toBe(3);
    expect(m.cells[0].length).toBe(2);
    for (let j = 0; j < 2; j++)
      expect(m.cells.reduce((a, row) => a + row[j].points, 0)).toBe(scores[j].points);
    expect(m.cells[0][0]).toMatchObject({ status: 'matched', coverage: 1 });
    const csv = comparisonToCsv(m, ['=Ann, "A"', 'Bob']);
    const lines = csv.trimEnd().split('\r\n');
    expect(lines.length).toBe(5);
    expect(lines[0]).toContain(`"'=Ann, ""A"" coverage %"`);
    expect(lines[1].startsWith('python,1,true,100,matched,')).toBe(true);
  });
});
