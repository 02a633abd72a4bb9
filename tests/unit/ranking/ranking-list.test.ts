import { describe, expect, it } from 'vitest';
import {
  decodeRankedCandidate,
  decodeRankingList,
  encodeRankingList,
  expandJob,
  explainGaps,
  scoreCandidate,
  type CandidateScore,
  type GapItem,
  type JobSpec,
  type RankOptions,
} from '@/server/domain/ranking';
import { AS_OF_DAY, profile, requirement, taxonomy, uuid } from './builders';

const spec: JobSpec = {
  jobId: 'j',
  version: 1,
  requirements: [
    requirement('python', { importance: 5, mustHave: true, label: 'Python (job label)' }),
    requirement('java', { importance: 3, mustHave: true, minLevel: 'advanced' }),
    requirement('kotlin', { importance: 2 }),
    requirement('programming', { importance: 4, recencyMonths: 12 }),
    requirement('data-analysis', { importance: 1 }),
  ],
};

const people = [
  profile(uuid(1), { python: 900, java: 300, 'data-analysis': 500 }),
  profile(uuid(2), { django: 700, kotlin: 400 }),
  profile(uuid(3), { java: 1000, programming: 200 }, AS_OF_DAY - 800),
  profile(uuid(4), {}),
];

function scored(options: RankOptions): { score: CandidateScore; gaps: GapItem[] }[] {
  const routes = expandJob(spec.requirements, taxonomy, options.partialCredit);
  return people.map((p) => {
    const score = scoreCandidate(spec, routes, p, taxonomy, options);
    return { score, gaps: explainGaps(score, taxonomy, new Map()) };
  });
}

/** What the list promises to carry: the score without per-credential evidence, gaps without suggestions. */
function expected({ score, gaps }: { score: CandidateScore; gaps: GapItem[] }) {
  return {
    score: { ...score, contributions: score.contributions.map(({ evidence: _evidence, ...c }) => c) },
    gaps: gaps.map(({ closingTheGap: _suggestions, ...g }) => g),
  };
}

describe('ranking list encoding', () => {
  for (const options of [
    { partialCredit: true, verifiedOnly: false, asOfDay: AS_OF_DAY },
    { partialCredit: false, verifiedOnly: false, asOfDay: AS_OF_DAY },
    { partialCredit: true, verifiedOnly: true, asOfDay: AS_OF_DAY },
  ] satisfies RankOptions[]) {
    it(`decodes to the exact scores and gaps (partial credit ${options.partialCredit}, verified only ${options.verifiedOnly})`, () => {
      const input = scored(options);
      const { entries, ...list } = encodeRankingList(spec.requirements, input, (id) => taxonomy.labelOf(id));
      entries.forEach((entry, i) => {
        expect(decodeRankedCandidate(list, entry)).toEqual(expected(input[i]));
      });
      // The cases above cover every kind of cell the list can carry.
      const cells = entries.flatMap((e) => e.cells);
      expect(new Set(cells.map((c) => c.status))).toEqual(new Set(['matched', 'partial', 'missing']));
      expect(cells.some((c) => c.belowMinLevel)).toBe(true);
      expect(cells.some((c) => c.outsideRecencyWindow)).toBe(true);
      if (options.partialCredit) expect(cells.some((c) => c.evidence && c.evidence.length > 0)).toBe(true);
    });
  }

  it('sends requirements, routes and labels once, not per candidate', () => {
    const input = scored({ partialCredit: true, verifiedOnly: false, asOfDay: AS_OF_DAY });
    const { entries, ...list } = encodeRankingList(spec.requirements, input, (id) => taxonomy.labelOf(id));
    expect(list.requirements.map((r) => r.label)).toEqual([
      'Python (job label)',
      'java',
      'kotlin',
      'programming',
      'data-analysis',
    ]);
    expect(list.maxPoints).toBe(input[0].score.maxPoints);
    const used = new Set(
      entries.flatMap((e) => e.cells.flatMap((c) => (c.route === undefined ? [] : [c.route]))),
    );
    expect(used).toEqual(new Set(list.routes.map((_, i) => i)));
    expect(new Set(list.routes.map((r) => JSON.stringify(r))).size).toBe(list.routes.length);
    for (const r of list.routes) for (const id of r.path) expect(list.labels[id]).toBe(taxonomy.labelOf(id));
    for (const entry of entries) expect(JSON.stringify(entry)).not.toContain('Python (job label)');
  });

  it('keeps the list fields of each candidate when decoding a whole list', () => {
    const input = scored({ partialCredit: true, verifiedOnly: false, asOfDay: AS_OF_DAY });
    const { entries, ...list } = encodeRankingList(spec.requirements, input, (id) => taxonomy.labelOf(id));
    const decoded = decodeRankingList({
      ...list,
      candidates: entries.map((e, i) => ({ ...e, rank: i + 1, displayName: `#${i}` })),
    });
    expect(decoded.map((d) => [d.rank, d.displayName, d.score.points])).toEqual(
      input.map((x, i) => [i + 1, `#${i}`, x.score.points]),
    );
  });
});
