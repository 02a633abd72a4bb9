import type { Db } from '@/db/client';
import { createSearchDocumentRepo } from '@/server/adapters/db/search-document.repo';
import { createSearchOutboxRepo } from '@/server/adapters/db/search-outbox.repo';
import { createMeilisearchIndex } from '@/server/adapters/search/meilisearch.search';
import {
  createPostgresSearchIndex,
  DEFAULT_POSTGRES_SEARCH_OPTIONS,
} from '@/server/adapters/search/postgres.search';
import { getEnv, searchEngineKind, type Env } from '@/server/env';
import type { SearchDocumentSource, SearchIndex, SearchOutbox } from '@/server/ports/search-index';

/** The engine chosen by the environment: Meilisearch when configured (SEARCH_ENGINE / MEILISEARCH_HOST), else Postgres. */
export function createSearchIndex(db: Db, env: Env = getEnv()): SearchIndex {
  if (searchEngineKind(env) === 'meilisearch') {
    if (!env.MEILISEARCH_HOST) throw new Error('MEILISEARCH_HOST is required for the Meilisearch engine');
    return createMeilisearchIndex({
      host: env.MEILISEARCH_HOST,
      apiKey: env.MEILISEARCH_API_KEY,
      indexUid: env.MEILISEARCH_INDEX,
    });
  }
  return createPostgresSearchIndex(db, {
    facetSampleSize: env.SEARCH_FACET_SAMPLE_SIZE ?? DEFAULT_POSTGRES_SEARCH_OPTIONS.facetSampleSize,
  });
}

export interface SearchComponents {
  index: SearchIndex;
  source: SearchDocumentSource;
  outbox: SearchOutbox;
}

/** Everything search needs, wired from one database handle: the engine, the document source and the outbox. */
export function createSearchComponents(db: Db, env: Env = getEnv()): SearchComponents {
  return {
    index: createSearchIndex(db, env),
    source: createSearchDocumentRepo(db),
    outbox: createSearchOutboxRepo(db),
  };
}
