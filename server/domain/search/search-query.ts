import type { Availability, CandidateSearchDocument, CredentialStatus } from './search-document';

/** Facets every engine can count. */
export const SEARCH_FACETS = ['skills', 'availability', 'location', 'issuers', 'credentialStatuses'] as const;
export type SearchFacet = (typeof SEARCH_FACETS)[number];

export const SEARCH_SORTS = ['relevance', 'verified_skills', 'recency'] as const;
export type SearchSort = (typeof SEARCH_SORTS)[number];

export interface CandidateSearchFilters {
  /** The candidate must have every one of these skills (or a descendant of each). */
  skillsAll?: string[];
  /** The candidate must have at least one of these skills (or a descendant). */
  skillsAny?: string[];
  /** The candidate must have none of these skills (nor any descendant). */
  skillsNone?: string[];
  /** When true, skillsAll/skillsAny only count skills backed by a verified credential. */
  verifiedSkillsOnly?: boolean;
  /** The candidate holds at least one credential with one of these statuses. */
  credentialStatuses?: CredentialStatus[];
  /** The candidate holds a credential from at least one of these issuers (exact names, as in the facet). */
  issuers?: string[];
  /** Exact locations, as in the facet. */
  locations?: string[];
  availability?: Availability[];
}

export interface CandidateSearchQuery {
  text?: string;
  filters?: CandidateSearchFilters;
  facets?: SearchFacet[];
  sort?: SearchSort;
  /** 1-based. */
  page?: number;
  pageSize?: number;
}

/** Whose view of the index a search runs in: only candidates visible to this organization are returned. */
export interface SearchScope {
  organizationId: string;
}

export interface FacetValue {
  value: string;
  count: number;
  /** Display label (skill facets carry skill ids as values). */
  label?: string;
}

/** A piece of a highlighted string; `match` pieces are what the query matched. */
export interface HighlightSegment {
  text: string;
  match: boolean;
}

export interface MatchedSkill {
  id: string;
  label: string;
  verified: boolean;
  strength: number;
  /** Why it matched: the query text hit its label, and/or it satisfies a skill filter. */
  matchedBy: ('text' | 'filter')[];
  highlight: HighlightSegment[];
}

export interface CandidateSearchHit {
  document: CandidateSearchDocument;
  matchedSkills: MatchedSkill[];
}

export interface CandidateSearchResult {
  hits: CandidateSearchHit[];
  /** Matching candidates, counted exactly up to {@link SEARCH_LIMITS.maxTotalHits}. */
  total: number;
  /** True when more than `maxTotalHits` match: `total` is then that cap (shown as "10,000+"). */
  totalCapped: boolean;
  page: number;
  pageSize: number;
  totalPages: number;
  facets: Partial<Record<SearchFacet, FacetValue[]>>;
  /** True when the facet counts were estimated from a sample of a large match set (shown as "≈"). */
  facetsApproximate: boolean;
}

export const SEARCH_LIMITS = {
  maxTextLength: 200,
  maxTerms: 12,
  maxSkillFilter: 50,
  maxValuesPerFilter: 50,
  maxPageSize: 100,
  defaultPageSize: 20,
  /** Deep paging past this many hits is refused: recruiters refine instead, engines stay fast. */
  maxOffset: 10_000,
  /** Counting stops here: an exact count of a huge match set costs more than the page and says nothing more. */
  maxTotalHits: 10_000,
  facetValues: 20,
} as const;

export interface NormalizedSearchQuery {
  text: string;
  filters: Required<Omit<CandidateSearchFilters, 'verifiedSkillsOnly'>> & { verifiedSkillsOnly: boolean };
  facets: SearchFacet[];
  sort: SearchSort;
  page: number;
  pageSize: number;
  offset: number;
}

function clean(values: readonly string[] | undefined, max: number): string[] {
  return [...new Set((values ?? []).map((value) => value.trim()).filter(Boolean))].slice(0, max);
}

/**
 * Fills defaults, trims, de-duplicates and clamps a query so engines never see unbounded input: paging is
 * clamped to {@link SEARCH_LIMITS}, and relevance without text falls back to verified-skill order (there is
 * nothing to be relevant to).
 */
export function normalizeSearchQuery(query: CandidateSearchQuery): NormalizedSearchQuery {
  const filters = query.filters ?? {};
  const text = (query.text ?? '').replace(/\s+/g, ' ').trim().slice(0, SEARCH_LIMITS.maxTextLength);
  const pageSize = Math.min(
    SEARCH_LIMITS.maxPageSize,
    Math.max(1, Math.floor(query.pageSize ?? SEARCH_LIMITS.defaultPageSize)),
  );
  const maxPage = Math.floor(SEARCH_LIMITS.maxOffset / pageSize) + 1;
  const page = Math.min(maxPage, Math.max(1, Math.floor(query.page ?? 1)));
  let sort: SearchSort = query.sort ?? 'relevance';
  if (sort === 'relevance' && !text) sort = 'verified_skills';
  return {
    text,
    filters: {
      skillsAll: clean(filters.skillsAll, SEARCH_LIMITS.maxSkillFilter),
      skillsAny: clean(filters.skillsAny, SEARCH_LIMITS.maxSkillFilter),
      skillsNone: clean(filters.skillsNone, SEARCH_LIMITS.maxSkillFilter),
      verifiedSkillsOnly: filters.verifiedSkillsOnly ?? false,
      credentialStatuses: [...new Set(filters.credentialStatuses ?? [])],
      issuers: clean(filters.issuers, SEARCH_LIMITS.maxValuesPerFilter),
      locations: clean(filters.locations, SEARCH_LIMITS.maxValuesPerFilter),
      availability: [...new Set(filters.availability ?? [])],
    },
    facets: [...new Set(query.facets ?? [])],
    sort,
    page,
    pageSize,
    offset: (page - 1) * pageSize,
  };
}

/** Page count for a total, never 0 so "page 1 of 1" reads right on an empty result. */
export function totalPagesOf(total: number, pageSize: number): number {
  return Math.max(1, Math.ceil(total / pageSize));
}

/** The one shape every engine answers with: its hits and counts, paged as the query asked. */
export function searchResultPage(
  query: { page: number; pageSize: number },
  found: Pick<CandidateSearchResult, 'hits' | 'total' | 'totalCapped' | 'facets' | 'facetsApproximate'>,
): CandidateSearchResult {
  return {
    ...found,
    page: query.page,
    pageSize: query.pageSize,
    totalPages: totalPagesOf(found.total, query.pageSize),
  };
}
