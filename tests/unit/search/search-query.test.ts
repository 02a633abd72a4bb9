import { describe, expect, it } from 'vitest';
import { normalizeSearchQuery, SEARCH_LIMITS, totalPagesOf } from '@/server/domain/search/search-query';
import { meilisearchFilter, meiliString } from '@/server/adapters/search/meilisearch.search';
import { pgTextArray } from '@/server/adapters/search/postgres.search';

describe('normalizeSearchQuery', () => {
  it('fills defaults and falls back from relevance to verified skills without text', () => {
    const query = normalizeSearchQuery({});
    expect(query).toMatchObject({
      text: '',
      sort: 'verified_skills',
      page: 1,
      pageSize: SEARCH_LIMITS.defaultPageSize,
      offset: 0,
    });
    expect(normalizeSearchQuery({ text: ' python ' }).sort).toBe('relevance');
  });

  it('clamps paging so deep pages cannot be requested', () => {
    const query = normalizeSearchQuery({ page: 1_000_000, pageSize: 1_000 });
    expect(query.pageSize).toBe(SEARCH_LIMITS.maxPageSize);
    expect(query.offset).toBeLessThanOrEqual(SEARCH_LIMITS.maxOffset);
    expect(normalizeSearchQuery({ page: -3, pageSize: 0 })).toMatchObject({ page: 1, pageSize: 1 });
  });

  it('trims, de-duplicates and bounds filter values and text', () => {
    const query = normalizeSearchQuery({
      text: `  a   b ${'x'.repeat(500)}`,
      filters: { skillsAll: [' s:1 ', 's:1', '', ...Array.from({ length: 80 }, (_, i) => `s:${i + 2}`)] },
    });
    expect(query.text.startsWith('a b x')).toBe(true);
    expect(query.text.length).toBe(SEARCH_LIMITS.maxTextLength);
    expect(query.filters.skillsAll[0]).toBe('s:1');
    expect(query.filters.skillsAll).toHaveLength(SEARCH_LIMITS.maxSkillFilter);
  });

  it('never reports zero pages', () => {
    expect(totalPagesOf(0, 20)).toBe(1);
    expect(totalPagesOf(41, 20)).toBe(3);
  });
});

describe('engine query builders', () => {
  it('escapes values in Postgres array literals', () => {
    expect(pgTextArray(['a', 'b"c', 'd\\e', 'f,g'])).toBe('{"a","b\\"c","d\\\\e","f,g"}');
  });

  it('scopes every Meilisearch filter to the organization and escapes values', () => {
    const filter = meilisearchFilter(
      normalizeSearchQuery({
        filters: {
          skillsAll: ['s:a', 's:b'],
          skillsNone: ['s:"x'],
          issuers: ['A "B"'],
          verifiedSkillsOnly: true,
        },
      }),
      { organizationId: 'org-1' },
    );
    expect(filter[0]).toBe('(visibility = "public" OR appliedOrganizationIds = "org-1")');
    expect(filter).toContain('verifiedSkillAncestorIds = "s:a"');
    expect(filter).toContain('verifiedSkillAncestorIds = "s:b"');
    expect(filter).toContain('NOT skillAncestorIds IN ["s:\\"x"]');
    expect(filter).toContain('issuers IN ["A \\"B\\""]');
    expect(meiliString('\\')).toBe('"\\\\"');
  });
});
