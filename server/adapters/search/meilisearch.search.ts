import { Meilisearch, type EnqueuedTaskPromise, type Settings } from 'meilisearch';
import type { CandidateSearchDocument } from '@/server/domain/search/search-document';
import {
  normalizeSearchQuery,
  SEARCH_LIMITS,
  searchResultPage,
  type CandidateSearchQuery,
  type CandidateSearchResult,
  type FacetValue,
  type NormalizedSearchQuery,
  type SearchFacet,
  type SearchScope,
} from '@/server/domain/search/search-query';
import { skillHighlighter } from '@/server/domain/search/text-match';
import type {
  SearchIndex,
  SearchIndexHealth,
  SearchIndexRebuild,
  SearchIndexSettings,
} from '@/server/ports/search-index';

export interface MeilisearchConfig {
  host: string;
  /** A key allowed to manage the index (documents, settings, search); never sent to browsers. */
  apiKey?: string;
  /** Live index uid (default 'candidates'). */
  indexUid?: string;
  /** How long to wait for one task (default 60 s). */
  taskTimeoutMs?: number;
}

const FACET_ATTRIBUTE: Record<SearchFacet, keyof CandidateSearchDocument> = {
  skills: 'skillIds',
  availability: 'availability',
  location: 'location',
  issuers: 'issuers',
  credentialStatuses: 'credentialStatuses',
};

/**
 * Index settings, in the order they matter: skills are searched first (attribute ranking), every filter
 * the recruiter API offers is filterable, `sort` leads the ranking rules so an explicit sort is primary,
 * equally relevant candidates follow the verified-skills order as they do in the embedded engine's relevance
 * buckets (custom ranking rules), and typo tolerance follows the same word-length rule as the embedded engine
 * (1 typo from 5 letters, 2 from 9).
 */
export function meilisearchSettings(synonyms: Record<string, string[]>): Settings {
  return {
    searchableAttributes: [
      'skillLabels',
      'headline',
      'achievementNames',
      'displayName',
      'issuers',
      'location',
    ],
    filterableAttributes: [
      'visibility',
      'appliedOrganizationIds',
      'skillIds',
      'skillAncestorIds',
      'verifiedSkillAncestorIds',
      'credentialStatuses',
      'issuers',
      'location',
      'availability',
    ],
    sortableAttributes: ['verifiedSkillCount', 'verifiedCredentialCount', 'updatedAt'],
    rankingRules: [
      'sort',
      'words',
      'typo',
      'proximity',
      'attribute',
      'exactness',
      'verifiedSkillCount:desc',
      'verifiedCredentialCount:desc',
      'updatedAt:desc',
    ],
    typoTolerance: { enabled: true, minWordSizeForTypos: { oneTypo: 5, twoTypos: 9 } },
    faceting: { maxValuesPerFacet: 100, sortFacetValuesBy: { '*': 'count' } },
    pagination: { maxTotalHits: SEARCH_LIMITS.maxTotalHits + 1 },
    synonyms,
  };
}

/** A Meilisearch filter string literal. */
export function meiliString(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/**
 * The filter expression of a query, always starting with the organization's visibility scope: it is built
 * here on the server from the actor's organization, never taken from the client.
 */
export function meilisearchFilter(query: NormalizedSearchQuery, scope: SearchScope): string[] {
  const f = query.filters;
  const list = (values: readonly string[]) => `[${values.map(meiliString).join(', ')}]`;
  const skillAttribute = f.verifiedSkillsOnly ? 'verifiedSkillAncestorIds' : 'skillAncestorIds';
  const filters = [
    `(visibility = "public" OR appliedOrganizationIds = ${meiliString(scope.organizationId)})`,
  ];
  for (const id of f.skillsAll) filters.push(`${skillAttribute} = ${meiliString(id)}`);
  if (f.skillsAny.length) filters.push(`${skillAttribute} IN ${list(f.skillsAny)}`);
  if (f.skillsNone.length) filters.push(`NOT skillAncestorIds IN ${list(f.skillsNone)}`);
  if (f.credentialStatuses.length) filters.push(`credentialStatuses IN ${list(f.credentialStatuses)}`);
  if (f.issuers.length) filters.push(`issuers IN ${list(f.issuers)}`);
  if (f.locations.length) filters.push(`location IN ${list(f.locations)}`);
  if (f.availability.length) filters.push(`availability IN ${list(f.availability)}`);
  return filters;
}

function sortOf(query: NormalizedSearchQuery): string[] | undefined {
  if (query.sort === 'recency') return ['updatedAt:desc'];
  if (query.sort === 'verified_skills')
    return ['verifiedSkillCount:desc', 'verifiedCredentialCount:desc', 'updatedAt:desc'];
  return undefined;
}

function isNotFound(error: unknown): boolean {
  const cause = (error as { cause?: { code?: string } } | null)?.cause;
  return cause?.code === 'document_not_found' || cause?.code === 'index_not_found';
}

/**
 * The Meilisearch engine (official client). Every write waits for its task and fails if the task failed, so
 * the sync worker only marks outbox rows processed once the engine has really applied them.
 */
export function createMeilisearchIndex(config: MeilisearchConfig): SearchIndex {
  const client = new Meilisearch({ host: config.host, apiKey: config.apiKey });
  const uid = config.indexUid ?? 'candidates';
  const timeout = config.taskTimeoutMs ?? 60_000;
  let lastSettings: SearchIndexSettings = { synonyms: {} };

  async function awaitTask(task: EnqueuedTaskPromise): Promise<void> {
    const done = await task.waitTask({ timeout, interval: 50 });
    if (done.status !== 'succeeded') {
      throw new Error(`Meilisearch task ${done.uid} ${done.status}: ${done.error?.message ?? 'no detail'}`);
    }
  }

  async function configure(indexUid: string, settings: SearchIndexSettings): Promise<void> {
    try {
      await client.getIndex(indexUid);
    } catch (error) {
      if (!isNotFound(error)) throw error;
      await awaitTask(client.createIndex(indexUid, { primaryKey: 'id' }));
    }
    await awaitTask(client.index(indexUid).updateSettings(meilisearchSettings(settings.synonyms)));
  }

  async function write(indexUid: string, documents: readonly CandidateSearchDocument[]) {
    if (!documents.length) return;
    const index = client.index<CandidateSearchDocument>(indexUid);
    for (let start = 0; start < documents.length; start += 1_000) {
      await awaitTask(
        index.addDocuments(documents.slice(start, start + 1_000) as CandidateSearchDocument[], {
          primaryKey: 'id',
        }),
      );
    }
  }

  return {
    kind: 'meilisearch',
    async ensureSettings(settings) {
      if (settings) lastSettings = settings;
      await configure(uid, lastSettings);
    },
    upsert: (documents) => write(uid, documents),
    async delete(candidateIds) {
      if (!candidateIds.length) return;
      await awaitTask(client.index(uid).deleteDocuments([...candidateIds]));
    },
    async search(input: CandidateSearchQuery, scope: SearchScope): Promise<CandidateSearchResult> {
      const query = normalizeSearchQuery(input);
      const response = await client.index<CandidateSearchDocument>(uid).search(query.text || null, {
        filter: meilisearchFilter(query, scope),
        facets: query.facets.map((facet) => FACET_ATTRIBUTE[facet]),
        sort: sortOf(query),
        page: query.page,
        hitsPerPage: query.pageSize,
      });
      const facets: Partial<Record<SearchFacet, FacetValue[]>> = {};
      for (const facet of query.facets) {
        const distribution = response.facetDistribution?.[FACET_ATTRIBUTE[facet]] ?? {};
        facets[facet] = Object.entries(distribution)
          .filter(([value]) => value !== '')
          .map(([value, count]) => ({ value, count }))
          .sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0))
          .slice(0, SEARCH_LIMITS.facetValues);
      }
      const counted = response.totalHits ?? 0;
      const totalCapped = counted > SEARCH_LIMITS.maxTotalHits;
      const total = Math.min(counted, SEARCH_LIMITS.maxTotalHits);
      const matchedSkillsOf = skillHighlighter(query);
      const hits = response.hits.map((hit) => {
        const { _formatted, _matchesPosition, _rankingScore, _rankingScoreDetails, ...document } =
          hit as typeof hit & Record<string, unknown>;
        void _formatted;
        void _matchesPosition;
        void _rankingScore;
        void _rankingScoreDetails;
        const clean = document as unknown as CandidateSearchDocument;
        return { document: clean, matchedSkills: matchedSkillsOf(clean) };
      });
      return searchResultPage(query, { hits, total, totalCapped, facets, facetsApproximate: false });
    },
    async getDocument(candidateId) {
      try {
        return await client
          .index<CandidateSearchDocument>(uid)
          .getDocument<CandidateSearchDocument>(candidateId);
      } catch (error) {
        if (isNotFound(error)) return null;
        throw error;
      }
    },
    async count() {
      const stats = await client.index(uid).getStats();
      return stats.numberOfDocuments;
    },
    async health(): Promise<SearchIndexHealth> {
      try {
        await client.health();
        const stats = await client.index(uid).getStats();
        return { ok: true, engine: 'meilisearch', documents: stats.numberOfDocuments };
      } catch (error) {
        return { ok: false, engine: 'meilisearch', documents: null, detail: (error as Error).message };
      }
    },
    async beginRebuild(settings): Promise<SearchIndexRebuild> {
      if (settings) lastSettings = settings;
      await configure(uid, lastSettings);
      const next = `${uid}_rebuild_${Date.now().toString(36)}`;
      await configure(next, lastSettings);
      let finished = false;
      return {
        upsert: (documents) => write(next, documents),
        async commit() {
          if (finished) throw new Error('rebuild already finished');
          await awaitTask(client.swapIndexes([{ indexes: [uid, next], rename: false }]));
          finished = true;
          await awaitTask(client.deleteIndex(next));
        },
        async abort() {
          finished = true;
          await awaitTask(client.deleteIndex(next)).catch(() => undefined);
        },
      };
    },
  };
}

/** True when a Meilisearch server answers its health check at `host` within `timeoutMs`. */
export async function meilisearchAnswers(host: string, timeoutMs = 1_500): Promise<boolean> {
  try {
    const response = await fetch(new URL('/health', host), { signal: AbortSignal.timeout(timeoutMs) });
    return response.ok;
  } catch {
    return false;
  }
}
