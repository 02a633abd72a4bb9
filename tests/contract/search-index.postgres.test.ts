import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { rowsOf, type Db } from '@/db/client';
import {
  createPostgresSearchIndex,
  distinctAlternatives,
  matchesRepresented,
  sampleKeyBound,
  scaledFacetCount,
  totalFromSample,
} from '@/server/adapters/search/postgres.search';
import { buildSearchDocument, type SearchSourceSkill } from '@/server/domain/search/search-document';
import type { CandidateSearchQuery } from '@/server/domain/search/search-query';
import { createTestDb } from '@/tests/helpers/db';
import { describeSearchIndexContract } from './search-index.contract';

describeSearchIndexContract('postgres (embedded engine)', async () => {
  const testDb = await createTestDb();
  const index = createPostgresSearchIndex(testDb.db);
  await index.ensureSettings();
  return { index, cleanup: testDb.close };
});

describe('postgres engine storage layout', () => {
  const layout = async (db: Db) => {
    const [table] = rowsOf<{ reloptions: string[] | string | null }>(
      await db.execute(sql`SELECT reloptions FROM pg_class WHERE relname = 'search_documents'`),
    );
    const columns = rowsOf<{ attname: string; attstorage: string }>(
      await db.execute(sql`
        SELECT attname, attstorage FROM pg_attribute
        WHERE attrelid = 'search_documents'::regclass AND attname IN ('fts', 'document', 'rank_fts', 'skill_keys')
        ORDER BY attname
      `),
    );
    return { options: String(table?.reloptions ?? ''), columns };
  };

  it('keeps the narrow heap (toast_tuple_target, out-of-line text vectors) across a rebuild', async () => {
    const testDb = await createTestDb();
    try {
      const expected = {
        options: expect.stringContaining('toast_tuple_target=128'),
        columns: [
          { attname: 'document', attstorage: 'e' },
          { attname: 'fts', attstorage: 'e' },
          { attname: 'rank_fts', attstorage: 'm' },
          { attname: 'skill_keys', attstorage: 'm' },
        ],
      };
      expect(await layout(testDb.db)).toEqual(expected);
      const index = createPostgresSearchIndex(testDb.db);
      const rebuild = await index.beginRebuild();
      await rebuild.commit();
      expect(await layout(testDb.db)).toEqual(expected);
    } finally {
      await testDb.close();
    }
  });
});

describe('text query alternatives', () => {
  it('keeps one of repeated forms and drops those a prefix alternative already matches', () => {
    expect(distinctAlternatives(["'monitor':*", "'monitor':*"])).toEqual(["'monitor':*"]);
    expect(distinctAlternatives(["'manag':*", "'managing':*"])).toEqual(["'manag':*"]);
    expect(distinctAlternatives(["'manag':*A", "'managing':*A", "'manage':A"])).toEqual(["'manag':*A"]);
    // different weights, exact forms and compound forms are all kept
    expect(distinctAlternatives(["'python':*A", "'pythonic':*"])).toEqual(["'python':*A", "'pythonic':*"]);
    expect(distinctAlternatives(["'python'", "'pyhton'"])).toEqual(["'python'", "'pyhton'"]);
    expect(distinctAlternatives(["'e2e' & 'e'", "'e2e':*"])).toEqual(["'e2e' & 'e'", "'e2e':*"]);
  });
});

describe('facet sample arithmetic', () => {
  const range = 2 ** 31;

  it('stands for every match it holds, else the exact total, else the k-minimum-values estimate', () => {
    const none = { drawn: null };
    expect(matchesRepresented({ sampled: 40, sampleSize: 100, exactTotal: 40, maxKey: 1, ...none })).toBe(40);
    expect(matchesRepresented({ sampled: 100, sampleSize: 100, exactTotal: 7_000, maxKey: 1, ...none })).toBe(
      7_000,
    );
    // the 100th smallest of uniform 31-bit keys sits near 100/n of the range: n ≈ 99 / (key / range)
    const quarter = range / 4 - 1;
    expect(
      matchesRepresented({ sampled: 100, sampleSize: 100, exactTotal: null, maxKey: quarter, ...none }),
    ).toBe(396);
    expect(scaledFacetCount(25, 100, 396)).toBe(99);
    expect(scaledFacetCount(25, 100, 100)).toBe(25);
  });

  it('reads a short sample below a key bound as drawn at the bound’s rate, not as every match', () => {
    const eighth = range / 8;
    expect(
      matchesRepresented({
        sampled: 60,
        sampleSize: 100,
        exactTotal: null,
        maxKey: 1,
        drawn: { below: 60, keyBound: eighth },
      }),
    ).toBe(480);
    expect(
      matchesRepresented({
        sampled: 60,
        sampleSize: 100,
        exactTotal: 500,
        maxKey: 1,
        drawn: { below: 60, keyBound: eighth },
      }),
    ).toBe(500);
  });

  it('bounds the sample keys so that the sample size is expected with margin, and reads everything when few match', () => {
    expect(sampleKeyBound({ sampleSize: 2_000, estimatedTotal: 3_000 })).toBeNull();
    // (2,000 + 4 standard deviations (4 × √2,000 ≈ 179) + 20) × 1.5 of 100,000 estimated matches: 3.3 %
    const bound = sampleKeyBound({ sampleSize: 2_000, estimatedTotal: 100_000 })!;
    expect(bound / range).toBeCloseTo(0.033, 3);
  });

  it('says the cap is passed only when the matches below the bound could hardly come from fewer', () => {
    const tenth = range / 10;
    // 10,001 matches put ~1,000 below a tenth of the range, give or take 30
    expect(totalFromSample({ belowBound: 1_100, keyBound: tenth, cap: 10_001 })).toBeNull();
    expect(totalFromSample({ belowBound: 1_200, keyBound: tenth, cap: 10_001 })).toEqual({ capped: true });
    expect(totalFromSample({ belowBound: 700, keyBound: null, cap: 10_001 })).toEqual({ exact: 700 });
  });
});

describe('postgres engine facet sampling', () => {
  const PYTHON: SearchSourceSkill = { label: 'Python', altLabels: [], ancestorIds: [] };
  const SQL: SearchSourceSkill = { label: 'SQL', altLabels: [], ancestorIds: [] };
  const documentOf = (n: number, skillId = 'starter:python') =>
    buildSearchDocument({
      candidate: {
        id: `20000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`,
        displayName: `Candidate ${n}`,
        headline: 'Engineer',
        location: 'Berlin',
        availability: n % 4 === 0 ? 'within_month' : 'immediately',
        visibility: 'public',
        updatedAt: new Date(Date.UTC(2026, 0, 1) + n * 60_000),
      },
      appliedOrganizationIds: [],
      credentials: [
        {
          id: `c${n}`,
          status: 'verified',
          issuerName: 'Python Institute',
          achievementName: 'PCAP',
          updatedAt: null,
        },
      ],
      evidence: [{ skillId, credentialId: `c${n}`, confidence: 0.9, state: 'confirmed' }],
      skills: new Map([
        ['starter:python', PYTHON],
        ['starter:sql', SQL],
      ]),
    })!;
  const query = (page: number): CandidateSearchQuery => ({
    filters: { skillsAny: ['starter:python'] },
    facets: ['availability', 'location', 'skills'],
    page,
  });
  const scope = { organizationId: '00000000-0000-4000-8000-00000000000a' };

  it('counts facets exactly up to the sample size, and estimates them from a stable sample past it', async () => {
    const testDb = await createTestDb();
    try {
      await createPostgresSearchIndex(testDb.db).upsert(Array.from({ length: 400 }, (_, n) => documentOf(n)));

      const exact = await createPostgresSearchIndex(testDb.db, { facetSampleSize: 400 }).search(
        query(1),
        scope,
      );
      expect(exact.total).toBe(400);
      expect(exact.facetsApproximate).toBe(false);
      expect(exact.facets.availability).toEqual([
        { value: 'immediately', count: 300 },
        { value: 'within_month', count: 100 },
      ]);

      const sampled = createPostgresSearchIndex(testDb.db, { facetSampleSize: 100 });
      const [first, second] = [await sampled.search(query(1), scope), await sampled.search(query(2), scope)];
      expect(first.total).toBe(400);
      expect(first.hits).toHaveLength(20);
      expect(first.facetsApproximate).toBe(true);
      // a value every match has is scaled back to the exact total
      expect(first.facets.location).toEqual([{ value: 'Berlin', count: 400 }]);
      expect(first.facets.skills).toEqual([{ value: 'starter:python', count: 400 }]);
      const estimate = new Map(first.facets.availability?.map((facet) => [facet.value, facet.count]));
      expect(estimate.get('immediately')).toBeGreaterThan(200);
      expect(estimate.get('immediately')).toBeLessThan(400);
      expect(estimate.get('within_month')).toBeGreaterThan(30);
      expect(estimate.get('within_month')).toBeLessThan(200);
      // the same candidates are sampled on every page of the same search
      expect(second.facets).toEqual(first.facets);
      expect(second.hits.map((hit) => hit.document.id)).not.toEqual(first.hits.map((hit) => hit.document.id));
      // everyone visible (read in index order, not through the skill index) samples the same candidates
      const everyone = await sampled.search({ facets: query(1).facets, page: 2 }, scope);
      expect(everyone.total).toBe(400);
      expect(everyone.facetsApproximate).toBe(true);
      expect(everyone.facets).toEqual(first.facets);
      expect(everyone.hits.map((hit) => hit.document.id)).toEqual(second.hits.map((hit) => hit.document.id));
    } finally {
      await testDb.close();
    }
  });

  it('counts facets exactly when few match, even where the planner expected many', async () => {
    const testDb = await createTestDb();
    try {
      const index = createPostgresSearchIndex(testDb.db, { facetSampleSize: 100 });
      await index.upsert(Array.from({ length: 400 }, (_, n) => documentOf(n)));
      await testDb.db.execute(sql`ANALYZE search_documents`);
      // the statistics still say everyone holds Python: 30 do
      await index.upsert(Array.from({ length: 370 }, (_, n) => documentOf(n + 30, 'starter:sql')));
      const result = await index.search(query(1), scope);
      expect(result.total).toBe(30);
      expect(result.facetsApproximate).toBe(false);
      expect(result.facets.availability).toEqual([
        { value: 'immediately', count: 22 },
        { value: 'within_month', count: 8 },
      ]);
    } finally {
      await testDb.close();
    }
  });
});

describe('postgres engine relevance pages', () => {
  const SKILLS = new Map<string, SearchSourceSkill>([
    ['starter:python', { label: 'Python', altLabels: [], ancestorIds: [] }],
    ['starter:spreadsheets', { label: 'Spreadsheets', altLabels: [], ancestorIds: [] }],
  ]);
  const CITIES = ['Berlin', 'Paris', 'Rome', 'Oslo'];
  /** Where "python" is: 0 a skill label (60 of 1,200), 1 the headline (60), 2 an achievement (300), 3 nowhere. */
  const placeOf = (n: number) => (n % 20 === 0 ? 0 : n % 20 === 1 ? 1 : n % 4 === 2 ? 2 : 3);
  const cityOf = (n: number) => CITIES[Math.floor(n / 4) % 4];
  const documentOf = (n: number) =>
    buildSearchDocument({
      candidate: {
        id: `30000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`,
        displayName: `Candidate ${n}`,
        headline: placeOf(n) === 1 ? 'Python developer' : 'Analyst',
        location: cityOf(n),
        availability: 'immediately',
        visibility: 'public',
        // a few share a timestamp, so the order's last key (the id) decides between them
        updatedAt: new Date(Date.UTC(2026, 0, 1) + Math.floor(n / 3) * 60_000),
      },
      appliedOrganizationIds: [],
      credentials: [
        {
          id: `c${n}`,
          status: n % 7 === 3 ? 'unverifiable' : 'verified',
          issuerName: 'Data Guild',
          achievementName: placeOf(n) === 2 ? 'Python Institute PCAP' : 'Spreadsheet Pro',
          updatedAt: null,
        },
      ],
      evidence: [
        {
          skillId: placeOf(n) === 0 ? 'starter:python' : 'starter:spreadsheets',
          credentialId: `c${n}`,
          confidence: 0.9,
          state: 'confirmed',
        },
      ],
      skills: SKILLS,
    })!;
  const scope = { organizationId: '00000000-0000-4000-8000-00000000000a' };

  it('pages through the buckets in the verified-skills order, read from the head of the order or from every match', async () => {
    const testDb = await createTestDb();
    try {
      // more candidates than the smallest head of the order holds (1,000)
      const documents = Array.from({ length: 1_200 }, (_, n) => documentOf(n));
      const index = createPostgresSearchIndex(testDb.db);
      await index.upsert(documents);
      const numberOf = new Map(documents.map((document, n) => [document.id, n]));
      const expected = (city?: string) =>
        documents
          .filter((document, n) => placeOf(n) < 3 && (!city || document.location === city))
          .sort(
            (a, b) =>
              placeOf(numberOf.get(a.id)!) - placeOf(numberOf.get(b.id)!) ||
              b.verifiedSkillCount - a.verifiedSkillCount ||
              b.verifiedCredentialCount - a.verifiedCredentialCount ||
              b.updatedAt - a.updatedAt ||
              (a.id < b.id ? 1 : -1),
          )
          .map((document) => document.id);
      const pageOf = async (page: number, pageSize: number, city?: string) => {
        const result = await index.search(
          { text: 'python', pageSize, page, filters: city ? { locations: [city] } : {} },
          scope,
        );
        expect(result.total).toBe(expected(city).length);
        return result.hits.map((hit) => hit.document.id);
      };
      expect(expected()).toHaveLength(420);
      // 20 a page: bucket 0 fills page 1 within a head of 1,000 of the 1,200
      expect(await pageOf(1, 20)).toEqual(expected().slice(0, 20));
      // 35 a page: the head (1,750, then 3,500 rows) is the whole table: page 1 from bucket 0, page 2 across
      // buckets 0 and 1; pages 4 (buckets 1 → 2) and 12 (the last) read every match
      for (const page of [1, 2, 4, 12]) {
        expect(await pageOf(page, 35)).toEqual(expected().slice((page - 1) * 35, page * 35));
      }
      // a filter leaves too few of the head in bucket 0: every match is read
      expect(await pageOf(1, 20, 'Paris')).toEqual(expected('Paris').slice(0, 20));
    } finally {
      await testDb.close();
    }
  });
});
