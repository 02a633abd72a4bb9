import type { CandidateSearchDocument } from '@/server/domain/search/search-document';
import type {
  CandidateSearchQuery,
  CandidateSearchResult,
  SearchScope,
} from '@/server/domain/search/search-query';

export type SearchEngineKind = 'postgres' | 'meilisearch';

export interface SearchIndexSettings {
  /**
   * Word → equivalent words, built from the taxonomy's alternative labels (e.g. "js" ↔ "javascript").
   * Engines with native synonyms (Meilisearch) install them; documents carry alternative labels anyway.
   */
  synonyms: Record<string, string[]>;
}

export interface SearchIndexHealth {
  ok: boolean;
  engine: SearchEngineKind;
  documents: number | null;
  detail?: string;
}

/** A fresh index being filled next to the live one; `commit` swaps it in atomically. */
export interface SearchIndexRebuild {
  upsert(documents: readonly CandidateSearchDocument[]): Promise<void>;
  /**
   * Swaps the new index in atomically (searches never see a half-built index). Writes the live index took
   * while the rebuild ran are replaced: the caller re-applies changes recorded since it began (outbox ids).
   */
  commit(): Promise<void>;
  abort(): Promise<void>;
}

/**
 * The one search port every engine implements (and the contract suite checks). Writes are idempotent and
 * complete when the promise resolves (engines with asynchronous tasks await them). Searches are always
 * scoped: only documents visible to `scope.organizationId` can be returned or counted in facets.
 */
export interface SearchIndex {
  readonly kind: SearchEngineKind;
  /** Creates/updates the index configuration; safe to call on every start. */
  ensureSettings(settings?: SearchIndexSettings): Promise<void>;
  /** Inserts or replaces documents by id. */
  upsert(documents: readonly CandidateSearchDocument[]): Promise<void>;
  /** Removes documents by candidate id; unknown ids are ignored. */
  delete(candidateIds: readonly string[]): Promise<void>;
  search(query: CandidateSearchQuery, scope: SearchScope): Promise<CandidateSearchResult>;
  /** The stored document, unscoped (for the sync worker and tests, never for request handlers). */
  getDocument(candidateId: string): Promise<CandidateSearchDocument | null>;
  /** Number of indexed documents. */
  count(): Promise<number>;
  health(): Promise<SearchIndexHealth>;
  beginRebuild(settings?: SearchIndexSettings): Promise<SearchIndexRebuild>;
}

/** Loads search documents from the system of record. */
export interface SearchDocumentSource {
  /** Documents for the given candidates; a candidate that is hidden or gone maps to null. */
  buildDocuments(candidateIds: readonly string[]): Promise<Map<string, CandidateSearchDocument | null>>;
  /** Every candidate id that could have a document, in id order, `batchSize` at a time. */
  candidateIdBatches(batchSize: number): AsyncIterable<string[]>;
  /** Synonyms from the alternative labels of the skills candidates actually have. */
  synonyms(): Promise<Record<string, string[]>>;
  /** Preferred labels of skills (for facet values). */
  skillLabels(skillIds: readonly string[]): Promise<Map<string, string>>;
}

/** One candidate's claimed outbox rows, in id order. */
export interface OutboxClaim {
  candidateId: string;
  ids: number[];
}

export interface OutboxBacklog {
  /** Changes not yet pushed to the search engine. */
  pending: number;
  /** Of those, changes that failed at least once and wait for a retry. */
  retrying: number;
  /** Age of the oldest pending change in seconds, or null. */
  oldestPendingSeconds: number | null;
  lastError: string | null;
}

/** The durable queue the sync worker drains (rows written by `enqueueCandidateChange`). */
export interface SearchOutbox {
  /**
   * Claims up to `limit` candidates' pending changes, all of a candidate's rows together and in id order,
   * skipping candidates another worker holds; claimed rows are leased for `leaseMs`.
   */
  claim(limit: number, leaseMs: number): Promise<OutboxClaim[]>;
  markProcessed(ids: readonly number[]): Promise<void>;
  /** Records a failed attempt; the rows become due again after a backoff that grows with their attempts. */
  markFailed(ids: readonly number[], error: string): Promise<void>;
  backlog(): Promise<OutboxBacklog>;
  /** Highest outbox id so far (a rebuild's starting point). */
  highWatermark(): Promise<number>;
  /** Candidates with changes recorded after `watermark`. */
  candidatesChangedSince(watermark: number): Promise<string[]>;
  /** Deletes processed rows older than `olderThanMs`; returns how many. */
  purgeProcessed(olderThanMs: number): Promise<number>;
}

export type { CandidateSearchDocument, CandidateSearchQuery, CandidateSearchResult, SearchScope };
