import { sql, type SQL } from 'drizzle-orm';
import { rowsOf, type Db } from '@/db/client';
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
import { allowedTypos, matchedSkillsOf, searchWords, wordMatches } from '@/server/domain/search/text-match';
import type { SearchIndex, SearchIndexHealth, SearchIndexRebuild } from '@/server/ports/search-index';

const LIVE_TABLE = 'search_documents';
const REBUILD_TABLE = 'search_documents_rebuild';
const OLD_TABLE = 'search_documents_old';
const REBUILD_SUFFIX = '__rebuild';
/** Dictionary neighbours fetched per misspelt word before the exact typo check. */
const TYPO_NEIGHBOURS = 8;
/** Only words this long enter the dictionary (shorter query words are never typo-corrected). */
const MIN_TERM_LENGTH = 4;
const WRITE_BATCH = 500;
const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Candidate ids are uuids; anything else cannot be indexed, so it is dropped before it reaches a uuid cast. */
const uuidsOnly = (ids: readonly string[]) => ids.filter((id) => UUID_RE.test(id));

/** A Postgres text[] literal as one bound parameter (drizzle would expand a JS array into a list). */
export function pgTextArray(values: readonly string[]): string {
  return `{${values.map((value) => `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`).join(',')}}`;
}

function rowFor(document: CandidateSearchDocument) {
  return {
    doc: document,
    audience: document.visibility === 'public' ? ['public'] : document.appliedOrganizationIds,
    skillsText: document.skillLabels.join(' \n '),
    skillNamesText: document.skills.map((skill) => skill.label).join(' \n '),
    achievementsText: document.achievementNames.join(' \n '),
    issuersText: document.issuers.join(' \n '),
  };
}

/** Dictionary words of a document: what a misspelt query word may be corrected to. */
function termsOf(document: CandidateSearchDocument): string[] {
  const text = [
    document.displayName,
    document.headline,
    document.location,
    ...document.skillLabels,
    ...document.achievementNames,
    ...document.issuers,
  ].join(' ');
  return searchWords(text).filter((word) => word.length >= MIN_TERM_LENGTH && word.length <= 40);
}

async function writeDocuments(
  db: Db,
  table: string,
  documents: readonly CandidateSearchDocument[],
): Promise<void> {
  for (let start = 0; start < documents.length; start += WRITE_BATCH) {
    const batch = documents.slice(start, start + WRITE_BATCH);
    const payload = JSON.stringify(batch.map(rowFor));
    const arr = (key: string) => sql.raw(`ARRAY(SELECT jsonb_array_elements_text(r->'doc'->'${key}'))`);
    const keys = (key: string) =>
      sql.raw(`ARRAY(SELECT hashtextextended(x, 0) FROM jsonb_array_elements_text(r->'doc'->'${key}') AS x)`);
    await db.execute(sql`
      INSERT INTO ${sql.identifier(table)} AS t (
        candidate_id, display_name, headline, location, availability, visibility, applied_organization_ids, audience,
        skill_keys, skill_ancestor_keys, verified_skill_ancestor_keys, issuers, credential_statuses,
        verified_skill_count, verified_credential_count, unverified_credential_count,
        skills_text, skill_names_text, achievements_text, issuers_text, document, updated_at, indexed_at
      )
      SELECT (r->'doc'->>'id')::uuid, r->'doc'->>'displayName', r->'doc'->>'headline', r->'doc'->>'location',
        r->'doc'->>'availability', r->'doc'->>'visibility', ${arr('appliedOrganizationIds')},
        ARRAY(SELECT jsonb_array_elements_text(r->'audience')),
        ${keys('skillIds')}, ${keys('skillAncestorIds')}, ${keys('verifiedSkillAncestorIds')}, ${arr('issuers')},
        ${arr('credentialStatuses')},
        (r->'doc'->>'verifiedSkillCount')::int, (r->'doc'->>'verifiedCredentialCount')::int,
        (r->'doc'->>'unverifiedCredentialCount')::int,
        r->>'skillsText', r->>'skillNamesText', r->>'achievementsText', r->>'issuersText', r->'doc',
        to_timestamp((r->'doc'->>'updatedAt')::double precision / 1000), now()
      FROM jsonb_array_elements(${payload}::jsonb) AS r
      ON CONFLICT (candidate_id) DO UPDATE SET
        display_name = excluded.display_name, headline = excluded.headline, location = excluded.location,
        availability = excluded.availability, visibility = excluded.visibility,
        applied_organization_ids = excluded.applied_organization_ids, audience = excluded.audience,
        skill_keys = excluded.skill_keys,
        skill_ancestor_keys = excluded.skill_ancestor_keys,
        verified_skill_ancestor_keys = excluded.verified_skill_ancestor_keys, issuers = excluded.issuers,
        credential_statuses = excluded.credential_statuses, verified_skill_count = excluded.verified_skill_count,
        verified_credential_count = excluded.verified_credential_count,
        unverified_credential_count = excluded.unverified_credential_count, skills_text = excluded.skills_text,
        skill_names_text = excluded.skill_names_text,
        achievements_text = excluded.achievements_text, issuers_text = excluded.issuers_text,
        document = excluded.document, updated_at = excluded.updated_at, indexed_at = excluded.indexed_at
    `);
    const skillIds = [...new Set(batch.flatMap((document) => document.skillIds))];
    if (skillIds.length) {
      await db.execute(sql`
        INSERT INTO search_skill_keys (key, skill_id)
        SELECT hashtextextended(id, 0), id FROM unnest(${pgTextArray(skillIds)}::text[]) AS id
        ON CONFLICT (key) DO NOTHING
      `);
    }
    const terms = [...new Set(batch.flatMap(termsOf))];
    if (terms.length) {
      await db.execute(sql`
        INSERT INTO search_terms (term) SELECT unnest(${pgTextArray(terms)}::text[]) ON CONFLICT (term) DO NOTHING
      `);
    }
  }
}

/**
 * Typo corrections for the query words: the nearest dictionary words by trigram distance (a GiST KNN scan),
 * kept only when within the allowed edit distance. A word found verbatim in the dictionary is not corrected
 * (nor looked up), so an exact hit is never diluted by look-alikes.
 */
async function typoCorrections(db: Db, words: readonly string[]): Promise<Map<string, string[]>> {
  const corrected = new Map<string, string[]>();
  const candidates = words.filter((word) => allowedTypos(word) > 0);
  if (!candidates.length) return corrected;
  const rows = rowsOf<{ word: string; term: string }>(
    await db.execute(sql`
      SELECT q.word, t.term
      FROM unnest(${pgTextArray(candidates)}::text[]) AS q(word)
      CROSS JOIN LATERAL (
        SELECT term FROM search_terms ORDER BY term <-> q.word LIMIT ${TYPO_NEIGHBOURS}
      ) AS t
      WHERE NOT EXISTS (SELECT 1 FROM search_terms known WHERE known.term = q.word)
    `),
  );
  const neighbours = new Map<string, string[]>();
  for (const row of rows) neighbours.set(row.word, [...(neighbours.get(row.word) ?? []), row.term]);
  for (const word of candidates) {
    // a word found verbatim (no neighbours were looked up) is not corrected
    const near = neighbours.get(word) ?? [];
    const isLast = word === words[words.length - 1];
    const fixes = near.filter((term) => wordMatches(word, term, isLast) && !term.startsWith(word));
    if (fixes.length) corrected.set(word, fixes);
  }
  return corrected;
}

function tsQueryOf(words: readonly string[], corrections: Map<string, string[]>): SQL {
  const parts = words.map((word, i) => {
    const pattern = i === words.length - 1 ? `${word}:*` : word;
    const variants: SQL[] = [
      sql`to_tsquery('english'::regconfig, ${pattern})`,
      sql`to_tsquery('simple'::regconfig, ${pattern})`,
    ];
    for (const fix of corrections.get(word) ?? []) {
      variants.push(
        sql`to_tsquery('english'::regconfig, ${fix})`,
        sql`to_tsquery('simple'::regconfig, ${fix})`,
      );
    }
    return sql`(${sql.join(variants, sql` || `)})`;
  });
  return sql.join(parts, sql` && `);
}

/** The filter's skill ids as the hashed keys stored in the rows (constant-folded, so the GIN index applies). */
function skillKeys(ids: readonly string[]): SQL {
  return sql`ARRAY[${sql.join(
    ids.map((id) => sql`hashtextextended(${id}::text, 0)`),
    sql`, `,
  )}]::bigint[]`;
}

function whereOf(query: NormalizedSearchQuery, scope: SearchScope, tsQuery: SQL | null): SQL {
  const f = query.filters;
  // Most documents are public, so the audience test never narrows much; written as IS TRUE it is checked on
  // the rows the selective indexes (text, skills, issuers) found instead of competing with them as an index
  // scan that returns ~85 % of the table.
  const conditions: SQL[] = [
    sql`(d.audience && ${pgTextArray(['public', scope.organizationId])}::text[]) IS TRUE`,
  ];
  const skillColumn = f.verifiedSkillsOnly
    ? sql.raw('d.verified_skill_ancestor_keys')
    : sql.raw('d.skill_ancestor_keys');
  if (f.skillsAll.length) conditions.push(sql`${skillColumn} @> ${skillKeys(f.skillsAll)}`);
  if (f.skillsAny.length) conditions.push(sql`${skillColumn} && ${skillKeys(f.skillsAny)}`);
  if (f.skillsNone.length) conditions.push(sql`NOT (d.skill_ancestor_keys && ${skillKeys(f.skillsNone)})`);
  if (f.credentialStatuses.length) {
    conditions.push(sql`d.credential_statuses && ${pgTextArray(f.credentialStatuses)}::text[]`);
  }
  if (f.issuers.length) conditions.push(sql`d.issuers && ${pgTextArray(f.issuers)}::text[]`);
  if (f.locations.length) conditions.push(sql`d.location = ANY(${pgTextArray(f.locations)}::text[])`);
  if (f.availability.length)
    conditions.push(sql`d.availability = ANY(${pgTextArray(f.availability)}::text[])`);
  if (tsQuery) conditions.push(sql`d.fts @@ (${tsQuery})`);
  return sql.join(conditions, sql` AND `);
}

/**
 * The requested order over rows aliased `d` (the table) or `m` (the `matches` rows, which carry the sort keys
 * under the same names, and the rank).
 */
function orderOf(query: NormalizedSearchQuery, hasText: boolean, alias: 'd' | 'm'): SQL {
  const row = sql.raw(alias);
  if (query.sort === 'recency') return sql`${row}.updated_at DESC, ${row}.candidate_id DESC`;
  if (query.sort === 'relevance' && hasText) {
    return sql`${row}.rank DESC, ${row}.verified_skill_count DESC, ${row}.updated_at DESC, ${row}.candidate_id DESC`;
  }
  return sql`${row}.verified_skill_count DESC, ${row}.verified_credential_count DESC, ${row}.updated_at DESC, ${row}.candidate_id DESC`;
}

/**
 * True when a condition is answered by a GIN index (text, skills, statuses, issuers). Such queries read their
 * matches once through the index bitmap. The others (everyone visible, or only location/availability) match
 * most of the table: their page, count and facet sample are each read in an index's order and stop early.
 */
function isIndexedQuery(query: NormalizedSearchQuery, hasText: boolean): boolean {
  const f = query.filters;
  return (
    hasText ||
    f.skillsAll.length > 0 ||
    f.skillsAny.length > 0 ||
    f.credentialStatuses.length > 0 ||
    f.issuers.length > 0
  );
}

/**
 * Runs a search statement with sequential scans priced out. The planner does not count the cost of
 * decompressing each row's text vector, so for common words it prefers reading the whole table (100k rows,
 * ~1 s) to a bitmap of the GIN matches (tens of ms). JIT is off: a plan that still scans sequentially (a
 * capped count of everyone) carries the disabled scan's huge cost, which would have it compiled for ~50 ms
 * to run for 10. `SET LOCAL` keeps the settings to this transaction.
 */
async function withIndexScans(db: Db, statement: SQL) {
  return db.transaction(async (tx) => {
    await tx.execute(sql`SELECT set_config('enable_seqscan', 'off', true), set_config('jit', 'off', true)`);
    return tx.execute(statement);
  });
}

/** Each facet's column, and its top values among the sampled rows' `facet_values` (`LIMIT n` appended). */
const FACETS: Record<SearchFacet, { column: string; top: string }> = {
  skills: {
    column: 'skill_keys',
    // only the keys that can make the top values (ties at the cut included) are looked up in the dictionary
    top: `SELECT 'skills' AS facet, k.skill_id AS value, c.count
      FROM (
        SELECT v, count(*)::int AS count, rank() OVER (ORDER BY count(*) DESC) AS place
        FROM facet_values, unnest(facet_values.skill_keys) AS v GROUP BY v
      ) AS c
      JOIN search_skill_keys k ON k.key = c.v
      WHERE c.place <= ${SEARCH_LIMITS.facetValues}
      ORDER BY c.count DESC, k.skill_id`,
  },
  availability: {
    column: 'availability',
    top: `SELECT 'availability' AS facet, availability AS value, count(*)::int AS count FROM facet_values
      GROUP BY availability ORDER BY count(*) DESC, availability`,
  },
  location: {
    column: 'location',
    top: `SELECT 'location' AS facet, location AS value, count(*)::int AS count FROM facet_values
      WHERE location <> '' GROUP BY location ORDER BY count(*) DESC, location`,
  },
  issuers: {
    column: 'issuers',
    top: `SELECT 'issuers' AS facet, v AS value, count(*)::int AS count
      FROM facet_values, unnest(facet_values.issuers) AS v GROUP BY v ORDER BY count(*) DESC, v`,
  },
  credentialStatuses: {
    column: 'credential_statuses',
    top: `SELECT 'credentialStatuses' AS facet, v AS value, count(*)::int AS count
      FROM facet_values, unnest(facet_values.credential_statuses) AS v GROUP BY v ORDER BY count(*) DESC, v`,
  },
};

/**
 * `facet_values`: the sampled rows' sample keys and facet columns, from `rows` (the sample's row addresses,
 * or the query that finds it). Unused, and so never read, when no facet is asked for.
 */
function facetValuesCte(facets: readonly SearchFacet[], rows: SQL): SQL {
  const columns = facets.map((facet) => `, d.${FACETS[facet].column}`).join('');
  return sql`facet_values AS MATERIALIZED (SELECT d.sample_key${sql.raw(columns)} ${rows})`;
}

/** Facet counts as one JSON value: per facet, one aggregate over the sample keeping its top values. */
function facetCountsJson(facets: readonly SearchFacet[]): SQL {
  if (!facets.length) return sql`NULL::json`;
  const perFacet = facets.map((facet) => `(${FACETS[facet].top} LIMIT ${SEARCH_LIMITS.facetValues})`);
  return sql`(
    SELECT json_agg(json_build_array(f.facet, f.value, f.count) ORDER BY f.facet, f.count DESC, f.value)
    FROM (${sql.raw(perFacet.join(' UNION ALL '))}) AS f
  )`;
}

/** The `page` rows' ids in order and their documents (fetched by row address). */
const PAGE_COLUMNS = sql`
  (SELECT array_agg(candidate_id::text ORDER BY position) FROM page) AS page,
  (
    SELECT json_agg(json_build_object('id', s.candidate_id::text, 'document', s.document))
    FROM search_documents s WHERE s.ctid = ANY(ARRAY(SELECT row_id FROM page))
  ) AS documents`;

/** The sample's size, its largest key (for the bottom-k estimate of a capped total) and the facet counts. */
function sampleColumns(facets: readonly SearchFacet[]): SQL {
  if (!facets.length) return sql`NULL::bigint AS sampled, NULL::int AS max_key, NULL::json AS facets`;
  return sql`
    (SELECT count(*) FROM facet_values) AS sampled,
    (SELECT max(sample_key) FROM facet_values) AS max_key,
    ${facetCountsJson(facets)} AS facets`;
}

/** Keys are 31-bit: `hashtext(candidate_id) & 2147483647`. */
const SAMPLE_KEY_RANGE = 2 ** 31;

/**
 * How many matches a bottom-k sample of `sampled` rows stands for: all of them when the sample holds every
 * match, the exact total when it is known, else the k-minimum-values estimate (k − 1) / (k-th key / range).
 */
export function matchesRepresented(input: {
  sampled: number;
  sampleSize: number;
  exactTotal: number | null;
  maxKey: number | null;
}): number {
  if (input.sampled < input.sampleSize) return input.sampled;
  if (input.exactTotal !== null) return input.exactTotal;
  const fraction = ((input.maxKey ?? SAMPLE_KEY_RANGE - 1) + 1) / SAMPLE_KEY_RANGE;
  return Math.max(input.sampled, Math.round((input.sampleSize - 1) / fraction));
}

/** `count` of a value among `sampled` rows, scaled to the `represented` matches. */
export function scaledFacetCount(count: number, sampled: number, represented: number): number {
  if (sampled >= represented || sampled === 0) return count;
  return Math.max(1, Math.round((count * represented) / sampled));
}

interface SearchRow {
  total: number | string | null;
  sampled: number | string | null;
  max_key: number | string | null;
  page: string[] | string | null;
  documents: { id: string; document: CandidateSearchDocument | string }[] | string | null;
  facets: [SearchFacet, string, number][] | string | null;
}

/** `{a=1,b=2}` as text (PGlite returns arrays of a catalog type unparsed). */
function parsePgArray(text: string): string[] {
  return text
    .replace(/^\{|\}$/g, '')
    .split(',')
    .filter(Boolean);
}

/** A `name=value` storage parameter as SQL, refusing anything but plain identifiers and numbers. */
function reloption(option: string): string {
  const match = /^([a-z_.]+)=([0-9a-z_.]+)$/.exec(option);
  if (!match) throw new Error(`unexpected storage parameter on ${LIVE_TABLE}: ${option}`);
  return `${match[1]} = ${match[2]}`;
}

/**
 * Rebuilds into a side table with the live table's columns, then recreates the live table's indexes on it
 * and swaps the two by renaming in one short transaction, so searches keep running on the old table until
 * the new one is complete.
 */
async function beginPostgresRebuild(db: Db): Promise<SearchIndexRebuild> {
  await db.execute(sql.raw(`DROP TABLE IF EXISTS ${REBUILD_TABLE}`));
  await db.execute(
    sql.raw(
      `CREATE TABLE ${REBUILD_TABLE} (LIKE ${LIVE_TABLE} INCLUDING DEFAULTS INCLUDING GENERATED INCLUDING STORAGE)`,
    ),
  );
  // LIKE copies columns' storage but not table options (toast_tuple_target keeps the heap narrow)
  const [options] = rowsOf<{ reloptions: string[] | string | null }>(
    await db.execute(sql`
      SELECT reloptions FROM pg_class WHERE relname = ${LIVE_TABLE} AND relnamespace = current_schema()::regnamespace
    `),
  );
  const reloptions =
    typeof options?.reloptions === 'string' ? parsePgArray(options.reloptions) : options?.reloptions;
  if (reloptions?.length) {
    await db.execute(sql.raw(`ALTER TABLE ${REBUILD_TABLE} SET (${reloptions.map(reloption).join(', ')})`));
  }
  const primaryKey = rowsOf<{ conname: string }>(
    await db.execute(sql`
      SELECT c.conname FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid
      WHERE t.relname = ${LIVE_TABLE} AND c.contype = 'p' AND t.relnamespace = current_schema()::regnamespace
    `),
  )[0]?.conname;
  if (primaryKey) {
    await db.execute(
      sql.raw(
        `ALTER TABLE ${REBUILD_TABLE} ADD CONSTRAINT ${primaryKey}${REBUILD_SUFFIX} PRIMARY KEY (candidate_id)`,
      ),
    );
  }
  let finished = false;
  return {
    upsert: (documents) => writeDocuments(db, REBUILD_TABLE, documents),
    async commit() {
      if (finished) throw new Error('rebuild already finished');
      const indexes = rowsOf<{ indexname: string; indexdef: string }>(
        await db.execute(sql`
          SELECT i.indexname, i.indexdef FROM pg_indexes i
          WHERE i.schemaname = current_schema() AND i.tablename = ${LIVE_TABLE}
            AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)
        `),
      );
      for (const { indexname, indexdef } of indexes) {
        const definition = indexdef
          .replace(`INDEX ${indexname} ON`, `INDEX ${indexname}${REBUILD_SUFFIX} ON`)
          .replace(new RegExp(`ON (\\S+\\.)?${LIVE_TABLE} USING`), `ON $1${REBUILD_TABLE} USING`);
        await db.execute(sql.raw(definition));
      }
      await db.execute(sql.raw(`ANALYZE ${REBUILD_TABLE}`));
      await db.transaction(async (tx) => {
        await tx.execute(sql.raw(`LOCK TABLE ${LIVE_TABLE} IN ACCESS EXCLUSIVE MODE`));
        await tx.execute(sql.raw(`ALTER TABLE ${LIVE_TABLE} RENAME TO ${OLD_TABLE}`));
        await tx.execute(sql.raw(`ALTER TABLE ${REBUILD_TABLE} RENAME TO ${LIVE_TABLE}`));
        await tx.execute(sql.raw(`DROP TABLE ${OLD_TABLE}`));
        if (primaryKey) {
          await tx.execute(
            sql.raw(
              `ALTER TABLE ${LIVE_TABLE} RENAME CONSTRAINT ${primaryKey}${REBUILD_SUFFIX} TO ${primaryKey}`,
            ),
          );
        }
        for (const { indexname } of indexes) {
          await tx.execute(sql.raw(`ALTER INDEX ${indexname}${REBUILD_SUFFIX} RENAME TO ${indexname}`));
        }
      });
      finished = true;
    },
    async abort() {
      finished = true;
      await db.execute(sql.raw(`DROP TABLE IF EXISTS ${REBUILD_TABLE}`));
    },
  };
}

/**
 * The embedded search engine: a `search_documents` table in the application's own database (PostgreSQL or
 * PGlite). Full text via a weighted tsvector (skills A, headline and achievements B, name and issuers C,
 * location D) ranked on a compact vector of preferred skill labels and headline, typo tolerance by correcting
 * query words against a trigram-indexed dictionary, skill filters on GIN-indexed arrays of hashed skill +
 * ancestor ids, visibility on a GIN-indexed audience array, facets by one aggregate over the matching set.
 */
export interface PostgresSearchOptions {
  /**
   * Facets are counted exactly on up to this many matches; past it, on a sample of this many (the matches
   * with the smallest sample keys), scaled to the total and flagged approximate, as Typesense's facet sampling
   * and Algolia's `exhaustiveFacetsCount` do: exact counts over a 50,000-candidate match set cost a pass over
   * every one of them, for a facet that shows proportions.
   */
  facetSampleSize: number;
}

export const DEFAULT_POSTGRES_SEARCH_OPTIONS: PostgresSearchOptions = { facetSampleSize: 2_000 };

export function createPostgresSearchIndex(
  db: Db,
  options: PostgresSearchOptions = DEFAULT_POSTGRES_SEARCH_OPTIONS,
): SearchIndex {
  return {
    kind: 'postgres',
    async ensureSettings() {
      // Table, indexes and dictionary come from migrations; verify they exist so a missing migration fails at
      // start rather than on the first search.
      await db.execute(sql`SELECT 1 FROM search_documents LIMIT 1`);
      await db.execute(sql`SELECT 1 FROM search_terms LIMIT 1`);
      await db.execute(sql`SELECT 1 FROM search_skill_keys LIMIT 1`);
    },
    upsert: (documents) => writeDocuments(db, LIVE_TABLE, documents),
    async delete(candidateIds) {
      const ids = uuidsOnly(candidateIds);
      if (!ids.length) return;
      await db.execute(
        sql`DELETE FROM search_documents WHERE candidate_id = ANY(${pgTextArray(ids)}::uuid[])`,
      );
    },
    async search(input: CandidateSearchQuery, scope: SearchScope): Promise<CandidateSearchResult> {
      const query = normalizeSearchQuery(input);
      const words = searchWords(query.text).slice(0, SEARCH_LIMITS.maxTerms);
      const tsQuery = words.length ? tsQueryOf(words, await typoCorrections(db, words)) : null;
      const where = whereOf(query, scope, tsQuery);
      const hasText = tsQuery !== null;
      const sampleSize = Math.max(1, Math.floor(options.facetSampleSize));
      const countCap = SEARCH_LIMITS.maxTotalHits + 1;
      const limit = sql`LIMIT ${query.pageSize} OFFSET ${query.offset}`;
      let row: SearchRow | undefined;
      let exactTotal: number | null;
      if (isIndexedQuery(query, hasText)) {
        // One statement, one pass over the matches: read once (row address, rank, sort and sample keys) into
        // `matches`, which gives the exact total, the page and the facet sample. The rank's query is an
        // InitPlan `(SELECT …)`, built once: to_tsquery is only stable, so inline it is re-parsed per match.
        const rank = hasText ? sql`ts_rank(d.rank_fts, (SELECT ${tsQuery}))` : sql`0::real`;
        [row] = rowsOf<SearchRow>(
          await withIndexScans(
            db,
            sql`
              WITH matches AS MATERIALIZED (
                SELECT d.ctid AS row_id, d.candidate_id, ${rank} AS rank, d.verified_skill_count,
                  d.verified_credential_count, d.updated_at, d.sample_key
                FROM search_documents d
                WHERE ${where}
              ),
              page AS (
                SELECT p.row_id, p.candidate_id, row_number() OVER () AS position
                FROM (SELECT m.row_id, m.candidate_id FROM matches m ORDER BY ${orderOf(query, hasText, 'm')} ${limit}) AS p
              ),
              facet_rows AS (SELECT m.row_id FROM matches m ORDER BY m.sample_key LIMIT ${sampleSize}),
              ${facetValuesCte(
                query.facets,
                sql`FROM search_documents d WHERE d.ctid = ANY(ARRAY(SELECT row_id FROM facet_rows))`,
              )}
              SELECT (SELECT count(*) FROM matches) AS total, ${PAGE_COLUMNS}, ${sampleColumns(query.facets)}
            `,
          ),
        );
        exactTotal = Number(row?.total ?? 0);
      } else {
        // Most of the table matches: the page is read in the order's index, the count stops past the cap and
        // the facet sample is the matches first in sample-key order, each stopping early (run concurrently).
        const [pageRows, countRows, sampleRows] = await Promise.all([
          withIndexScans(
            db,
            sql`
              WITH page AS MATERIALIZED (
                SELECT p.row_id, p.candidate_id, row_number() OVER () AS position
                FROM (
                  SELECT d.ctid AS row_id, d.candidate_id FROM search_documents d
                  WHERE ${where} ORDER BY ${orderOf(query, false, 'd')} ${limit}
                ) AS p
              )
              SELECT ${PAGE_COLUMNS}
            `,
          ),
          withIndexScans(
            db,
            sql`SELECT count(*) AS total FROM (SELECT 1 FROM search_documents d WHERE ${where} LIMIT ${countCap}) AS x`,
          ),
          query.facets.length
            ? withIndexScans(
                db,
                sql`
                  WITH ${facetValuesCte(
                    query.facets,
                    sql`FROM search_documents d WHERE ${where} ORDER BY d.sample_key LIMIT ${sampleSize}`,
                  )}
                  SELECT ${sampleColumns(query.facets)}
                `,
              )
            : Promise.resolve([]),
        ]);
        const counted = Number(rowsOf<{ total: number | string }>(countRows)[0]?.total ?? 0);
        exactTotal = counted < countCap ? counted : null;
        row = {
          ...rowsOf<SearchRow>(pageRows)[0],
          ...rowsOf<SearchRow>(sampleRows)[0],
          total: counted,
        } as SearchRow;
      }
      const parsed = <T>(value: T | string | null | undefined): T | null =>
        typeof value === 'string' ? (JSON.parse(value) as T) : (value ?? null);
      const counted = Number(row?.total ?? 0);
      const ids = typeof row?.page === 'string' ? parsePgArray(row.page) : (row?.page ?? []);
      const byId = new Map(
        (parsed(row?.documents) ?? []).map((entry) => [
          entry.id,
          (typeof entry.document === 'string'
            ? JSON.parse(entry.document)
            : entry.document) as CandidateSearchDocument,
        ]),
      );
      const sampled = Number(row?.sampled ?? 0);
      const represented = matchesRepresented({
        sampled,
        sampleSize,
        exactTotal,
        maxKey: row?.max_key === null || row?.max_key === undefined ? null : Number(row.max_key),
      });
      const facets: Partial<Record<SearchFacet, FacetValue[]>> = {};
      for (const facet of query.facets) facets[facet] = [];
      for (const [facet, value, count] of parsed(row?.facets) ?? []) {
        facets[facet]?.push({ value, count: scaledFacetCount(count, sampled, represented) });
      }
      const hits = ids.flatMap((id) => {
        const document = byId.get(id);
        return document ? [{ document, matchedSkills: matchedSkillsOf(document, query) }] : [];
      });
      const totalCapped = counted > SEARCH_LIMITS.maxTotalHits;
      const total = Math.min(counted, SEARCH_LIMITS.maxTotalHits);
      return searchResultPage(query, {
        hits,
        total,
        totalCapped,
        facets,
        facetsApproximate: query.facets.length > 0 && sampled < represented,
      });
    },
    async getDocument(candidateId) {
      if (!UUID_RE.test(candidateId)) return null;
      const [row] = rowsOf<{ document: CandidateSearchDocument | string }>(
        await db.execute(
          sql`SELECT document FROM search_documents WHERE candidate_id = ${candidateId}::uuid`,
        ),
      );
      if (!row) return null;
      return (
        typeof row.document === 'string' ? JSON.parse(row.document) : row.document
      ) as CandidateSearchDocument;
    },
    async count() {
      const [row] = rowsOf<{ n: number | string }>(
        await db.execute(sql`SELECT count(*) AS n FROM search_documents`),
      );
      return Number(row?.n ?? 0);
    },
    async health(): Promise<SearchIndexHealth> {
      try {
        const [row] = rowsOf<{ n: number | string }>(
          await db.execute(sql`SELECT count(*) AS n FROM search_documents`),
        );
        return { ok: true, engine: 'postgres', documents: Number(row?.n ?? 0) };
      } catch (error) {
        return { ok: false, engine: 'postgres', documents: null, detail: (error as Error).message };
      }
    },
    beginRebuild: () => beginPostgresRebuild(db),
  };
}
