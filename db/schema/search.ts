import { sql } from 'drizzle-orm';
import {
  bigint,
  customType,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';

const tsvector = customType<{ data: string }>({
  dataType: () => 'tsvector',
});

/**
 * The embedded search engine's index: one row per discoverable candidate, derived from Postgres by the
 * search-sync worker (never written by request handlers). Hidden candidates have no row. The text columns
 * are pre-joined by the adapter so the weighted `fts` vector can be a STORED generated column (PG15 and
 * PGlite; array_to_string is not immutable, so arrays cannot feed it directly).
 */
export const searchDocuments = pgTable(
  'search_documents',
  {
    candidateId: uuid('candidate_id').primaryKey(),
    displayName: text('display_name').notNull(),
    headline: text('headline').notNull().default(''),
    location: text('location').notNull().default(''),
    availability: text('availability').notNull(),
    visibility: text('visibility').notNull(),
    appliedOrganizationIds: text('applied_organization_ids')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    /**
     * Who may see the row: ['public'] or the ids of the organizations applied to. The visibility filter is then
     * one GIN-indexed `&&`, so counts and filters are answered from indexes without reading rows.
     */
    audience: text('audience')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    /**
     * 64-bit hashes of the candidate's own skill ids, what the skills facet counts (8 bytes a skill inline
     * instead of ~45 as text, which kept every row a third wider). `search_skill_keys` maps them back.
     */
    skillKeys: bigint('skill_keys', { mode: 'number' })
      .array()
      .notNull()
      .default(sql`'{}'::bigint[]`),
    /**
     * 64-bit hashes (`hashtextextended(id, 0)`) of the skill ids plus all their ancestors: what skill filters
     * match on. ESCO skills have ~40 ancestors per candidate; as text the arrays were TOASTed and every filter
     * paid to fetch them, as bigint they stay inline. Collisions are negligible at 64 bits.
     */
    skillAncestorKeys: bigint('skill_ancestor_keys', { mode: 'number' })
      .array()
      .notNull()
      .default(sql`'{}'::bigint[]`),
    /** The same for skills backed by a verified credential. */
    verifiedSkillAncestorKeys: bigint('verified_skill_ancestor_keys', { mode: 'number' })
      .array()
      .notNull()
      .default(sql`'{}'::bigint[]`),
    issuers: text('issuers')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    credentialStatuses: text('credential_statuses')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    verifiedSkillCount: integer('verified_skill_count').notNull().default(0),
    verifiedCredentialCount: integer('verified_credential_count').notNull().default(0),
    unverifiedCredentialCount: integer('unverified_credential_count').notNull().default(0),
    skillsText: text('skills_text').notNull().default(''),
    /** Preferred skill labels only: the compact text relevance is ranked on. */
    skillNamesText: text('skill_names_text').notNull().default(''),
    achievementsText: text('achievements_text').notNull().default(''),
    issuersText: text('issuers_text').notNull().default(''),
    fts: tsvector('fts')
      .notNull()
      .generatedAlwaysAs(
        sql`setweight(to_tsvector('english'::regconfig, coalesce(skills_text, '')), 'A') || setweight(to_tsvector('english'::regconfig, coalesce(headline, '')), 'B') || setweight(to_tsvector('english'::regconfig, coalesce(achievements_text, '')), 'B') || setweight(to_tsvector('simple'::regconfig, coalesce(display_name, '')), 'C') || setweight(to_tsvector('simple'::regconfig, coalesce(issuers_text, '')), 'C') || setweight(to_tsvector('simple'::regconfig, coalesce(location, '')), 'D')`,
      ),
    /**
     * What relevance is ranked on: preferred skill labels (A) and headline (B). Kept small so it stays inline
     * in the row: ranking thousands of matches on the full `fts` (often TOASTed) is what makes text search slow.
     */
    rankFts: tsvector('rank_fts')
      .notNull()
      .generatedAlwaysAs(
        sql`setweight(to_tsvector('english'::regconfig, coalesce(skill_names_text, '')), 'A') || setweight(to_tsvector('english'::regconfig, coalesce(headline, '')), 'B')`,
      ),
    /**
     * A fixed pseudo-random key per candidate. Facets of a large match set are counted on the matches with the
     * smallest keys (a bottom-k sample): the same candidates on every page of a search, and read in key order
     * through its index when the filters match most rows.
     */
    sampleKey: integer('sample_key')
      .notNull()
      .generatedAlwaysAs(sql`hashtext(candidate_id::text) & 2147483647`),
    document: jsonb('document').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
    indexedAt: timestamp('indexed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    index('search_documents_fts_idx').using('gin', table.fts),
    index('search_documents_skill_ancestors_idx').using('gin', table.skillAncestorKeys),
    index('search_documents_verified_skill_ancestors_idx').using('gin', table.verifiedSkillAncestorKeys),
    index('search_documents_availability_idx').on(table.availability),
    index('search_documents_issuers_idx').using('gin', table.issuers),
    index('search_documents_statuses_idx').using('gin', table.credentialStatuses),
    index('search_documents_audience_idx').using('gin', table.audience),
    /** The default order (most verified skills first), whole, so a page can be read in order and stop. */
    index('search_documents_verified_order_idx').on(
      table.verifiedSkillCount.desc().nullsFirst(),
      table.verifiedCredentialCount.desc().nullsFirst(),
      table.updatedAt.desc().nullsFirst(),
      table.candidateId.desc().nullsFirst(),
    ),
    index('search_documents_updated_idx').on(table.updatedAt, table.candidateId),
    index('search_documents_location_idx').on(table.location),
    index('search_documents_sample_key_idx').on(table.sampleKey),
  ],
);

/**
 * The embedded engine's dictionary: every word that occurs in an indexed document, so a misspelt query word
 * can be corrected to its nearest indexed words by trigram distance (a GiST KNN search) before full-text
 * matching. Words of deleted documents linger harmlessly (they match nothing) until the next reindex.
 */
export const searchTerms = pgTable(
  'search_terms',
  {
    term: text('term').primaryKey(),
  },
  (table) => [index('search_terms_trgm_idx').using('gist', table.term.op('gist_trgm_ops'))],
);

/**
 * The skills facet's dictionary: skill id by `hashtextextended(id, 0)`, written with the documents that use
 * it. Insert-only: a key of a skill no document has any more is simply never counted.
 */
export const searchSkillKeys = pgTable('search_skill_keys', {
  key: bigint('key', { mode: 'number' }).primaryKey(),
  skillId: text('skill_id').notNull(),
});
