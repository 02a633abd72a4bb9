import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { rowsOf, type Db } from '@/db/client';
import {
  createPostgresSearchIndex,
  matchesRepresented,
  scaledFacetCount,
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

describe('bottom-k facet sample', () => {
  it('stands for every match it holds, else the exact total, else the k-minimum-values estimate', () => {
    expect(matchesRepresented({ sampled: 40, sampleSize: 100, exactTotal: 40, maxKey: 1 })).toBe(40);
    expect(matchesRepresented({ sampled: 100, sampleSize: 100, exactTotal: 7_000, maxKey: 1 })).toBe(7_000);
    // the 100th smallest of uniform 31-bit keys sits near 100/n of the range: n ≈ 99 / (key / range)
    const quarter = 2 ** 31 / 4 - 1;
    expect(matchesRepresented({ sampled: 100, sampleSize: 100, exactTotal: null, maxKey: quarter })).toBe(
      396,
    );
    expect(scaledFacetCount(25, 100, 396)).toBe(99);
    expect(scaledFacetCount(25, 100, 100)).toBe(25);
  });
});

describe('postgres engine facet sampling', () => {
  const PYTHON: SearchSourceSkill = { label: 'Python', altLabels: [], ancestorIds: [] };
  const documentOf = (n: number) =>
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
      evidence: [{ skillId: 'starter:python', credentialId: `c${n}`, confidence: 0.9, state: 'confirmed' }],
      skills: new Map([['starter:python', PYTHON]]),
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
});
