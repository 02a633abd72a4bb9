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
import { allowedTypos, searchWords, skillHighlighter, wordMatches } from '@/server/domain/search/text-match';
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

/** The query text as tsqueries: matching anywhere, and only in preferred skill labels (weight A). */
interface TextQuery {
  anywhere: string;
  inSkillLabels: string;
}

/**
 * Drops repeated alternatives of one word, and those another alternative's prefix already matches: the
 * English and simple forms of a word are often the same lexeme, and each alternative is one more scan of the
 * text index (a common prefix costs milliseconds).
 */
export function distinctAlternatives(alternatives: readonly string[]): string[] {
  const single = (text: string) => {
    const match = /^'([^']*)'(?::(\*)?([A-D]*))?$/.exec(text);
    return match ? { lexeme: match[1], prefix: match[2] === '*', weights: match[3] ?? '' } : null;
  };
  const prefixes = alternatives.map(single).filter((lexeme) => lexeme?.prefix);
  return [...new Set(alternatives)].filter((text) => {
    const lexeme = single(text);
    return !(
      lexeme &&
      prefixes.some(
        (prefix) =>
          prefix!.weights === lexeme.weights &&
          lexeme.lexeme.startsWith(prefix!.lexeme) &&
          (lexeme.lexeme !== prefix!.lexeme || !lexeme.prefix),
      )
    );
  });
}

/**
 * The query words as tsqueries, in one round trip: each word (the last one as a prefix, being typed) stemmed
 * and verbatim, or one of its typo corrections. A correction is one of the nearest dictionary words by
 * trigram distance (a GiST KNN scan) within the allowed edit distance; a word found verbatim in the
 * dictionary is not corrected (nor looked up), so an exact hit is never diluted by look-alikes. The tsqueries
 * come back as text and are bound as constants, so the planner estimates them and nothing is parsed per row.
 */
async function textQueryOf(db: Db, words: readonly string[]): Promise<TextQuery> {
  const last = words.length - 1;
  const rows = rowsOf<{
    i: number | string;
    term: string | null;
    english: string;
    simple: string;
    english_a: string;
    simple_a: string;
  }>(
    await db.execute(sql`
      WITH q AS (
        SELECT * FROM unnest(${pgTextArray(words)}::text[], ${pgTextArray(
          words.map((word) => String(allowedTypos(word) > 0)),
        )}::boolean[]) WITH ORDINALITY AS q(word, correctable, i)
      ),
      alternatives AS (
        SELECT q.i, NULL::text AS term,
          CASE WHEN q.i = ${last + 1} THEN q.word || ':*' ELSE q.word END AS pattern,
          CASE WHEN q.i = ${last + 1} THEN q.word || ':*A' ELSE q.word || ':A' END AS weighted
        FROM q
        UNION ALL
        SELECT q.i, t.term, t.term, t.term || ':A'
        FROM q CROSS JOIN LATERAL (
          SELECT term FROM search_terms ORDER BY term <-> q.word LIMIT ${TYPO_NEIGHBOURS}
        ) AS t
        WHERE q.correctable AND NOT EXISTS (SELECT 1 FROM search_terms known WHERE known.term = q.word)
      )
      SELECT i, term,
        to_tsquery('english'::regconfig, pattern)::text AS english,
        to_tsquery('simple'::regconfig, pattern)::text AS simple,
        to_tsquery('english'::regconfig, weighted)::text AS english_a,
        to_tsquery('simple'::regconfig, weighted)::text AS simple_a
      FROM alternatives
    `),
  );
  const anywhere: string[][] = words.map(() => []);
  const inSkillLabels: string[][] = words.map(() => []);
  for (const row of rows) {
    const at = Number(row.i) - 1;
    const word = words[at];
    // a neighbour is a correction only within the allowed typos, and not where the word's prefix matches it
    if (row.term !== null && (!wordMatches(word, row.term, at === last) || row.term.startsWith(word)))
      continue;
    anywhere[at].push(row.english, row.simple);
    inSkillLabels[at].push(row.english_a, row.simple_a);
  }
  // a word with no lexeme in either configuration (nothing but stop words and symbols) constrains nothing
  const tsquery = (alternatives: string[][]) =>
    alternatives
      .map((texts) => distinctAlternatives(texts.filter(Boolean)))
      .filter((texts) => texts.length)
      .map((texts) => `(${texts.map((text) => `(${text})`).join(' | ')})`)
      .join(' & ');
  return { anywhere: tsquery(anywhere), inSkillLabels: tsquery(inSkillLabels) };
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

/** The requested order (relevance puts its bucket first, see {@link relevanceBucket}). */
function orderOf(query: NormalizedSearchQuery): SQL {
  if (query.sort === 'recency') return sql`d.updated_at DESC, d.candidate_id DESC`;
  return sql`d.verified_skill_count DESC, d.verified_credential_count DESC, d.updated_at DESC, d.candidate_id DESC`;
}

/**
 * Relevance as buckets, best first, each in the verified-skills order: 0, every query word in a preferred
 * skill label; 1, every word in the skill labels and headline together; 2, matched elsewhere (alternative
 * labels, achievements, name, issuers, location). This is Meilisearch's attribute rule over the same
 * attribute order, so both engines rank alike. Unlike a score (ts_rank), it needs no pass over every match:
 * the best bucket of a common word is read from the head of the verified-skills order (see
 * {@link relevanceHeadStatement}). `rank_fts` holds only skill labels and headline, and stays in the row.
 */
function relevanceBucket(text: TextQuery): SQL {
  // most candidates match neither: their vector is decompressed and tested once
  return sql`CASE WHEN NOT d.rank_fts @@ ${text.anywhere}::tsquery THEN 2
    WHEN d.rank_fts @@ ${text.inSkillLabels}::tsquery THEN 0 ELSE 1 END`;
}

/**
 * Candidates read from the head of the order per row of the page's end (a bucket as sparse as 2 % fills it),
 * at least and at most: past a few pages, the walk would cost more than reading the matches.
 */
const HEAD_ROWS_PER_PAGE_ROW = 50;
const MIN_HEAD_ROWS = 1_000;
const MAX_HEAD_ROWS = 5_000;

/**
 * The relevance page from the head of the order: the first `headRows` candidates in the order, and among
 * those that pass the filters (text aside), their buckets. Buckets 0 and 1 need no text-index check: their
 * words are in `rank_fts`, whose lexemes the full vector also holds. The head is a fixed number of rows read,
 * however selective the filters. The page stands when bucket 0 alone fills it, or when the head is the
 * whole table and buckets 0 and 1 fill it; `complete` says so, and only then are the documents read.
 */
function relevanceHeadStatement(
  query: NormalizedSearchQuery,
  filtersOnly: SQL,
  text: TextQuery,
  headRows: number,
): SQL {
  const end = query.offset + query.pageSize;
  return sql`
    WITH head AS MATERIALIZED (
      SELECT h.row_id, h.candidate_id, h.bucket, row_number() OVER () AS position
      FROM (
        SELECT d.ctid AS row_id, d.candidate_id,
          CASE WHEN NOT (${filtersOnly}) THEN NULL ELSE ${relevanceBucket(text)} END AS bucket
        FROM search_documents d ORDER BY ${orderOf(query)} LIMIT ${headRows}
      ) AS h
    ),
    tally AS (
      SELECT first >= ${end} OR (seen < ${headRows} AND first + second >= ${end}) AS complete
      FROM (
        SELECT count(*) AS seen, count(*) FILTER (WHERE bucket = 0) AS first,
          count(*) FILTER (WHERE bucket = 1) AS second
        FROM head
      ) AS counts
    ),
    page AS MATERIALIZED (
      SELECT p.row_id, p.candidate_id, row_number() OVER () AS position
      FROM (
        SELECT h.row_id, h.candidate_id FROM head h, tally t
        WHERE h.bucket < 2 AND t.complete
        ORDER BY h.bucket, h.position LIMIT ${query.pageSize} OFFSET ${query.offset}
      ) AS p
    )
    SELECT (SELECT complete FROM tally) AS complete,
      ${PAGE_COLUMNS}
  `;
}

/** The page: its rows' addresses in the order (after `bucket`, when given), then their documents. */
function pageStatement(query: NormalizedSearchQuery, where: SQL, bucket: SQL | null): SQL {
  const order = bucket ? sql`${bucket}, ${orderOf(query)}` : orderOf(query);
  return sql`
    WITH page AS MATERIALIZED (
      SELECT p.row_id, p.candidate_id, row_number() OVER () AS position
      FROM (
        SELECT d.ctid AS row_id, d.candidate_id FROM search_documents d
        WHERE ${where} ORDER BY ${order} LIMIT ${query.pageSize} OFFSET ${query.offset}
      ) AS p
    )
    SELECT ${PAGE_COLUMNS}
  `;
}

/**
 * The page's rows. Relevance is read from the head of the order when its first bucket fills the page there;
 * else every match is read through the text index, bucketed and sorted: what a rare word costs, or a deep
 * page, or a word seldom in a skill label.
 */
async function pageRows(
  db: Db,
  query: NormalizedSearchQuery,
  scope: SearchScope,
  where: SQL,
  text: TextQuery | null,
) {
  if (!text || query.sort !== 'relevance') return withIndexScans(db, pageStatement(query, where, null));
  const headRows = Math.max(MIN_HEAD_ROWS, (query.offset + query.pageSize) * HEAD_ROWS_PER_PAGE_ROW);
  if (headRows <= MAX_HEAD_ROWS) {
    const head = await withIndexScans(
      db,
      relevanceHeadStatement(query, whereOf(query, scope, null), text, headRows),
    );
    const [row] = rowsOf<{ complete: boolean | string | null }>(head);
    if (row?.complete === true || row?.complete === 't') return head;
  }
  return withIndexScans(db, pageStatement(query, where, relevanceBucket(text)), { bitmapOnly: true });
}

/** The matches, counted up to `cap` (a bitmap or index scan that stops there). */
function countStatement(where: SQL, cap: number): SQL {
  return sql`SELECT count(*) AS total FROM (SELECT 1 FROM search_documents d WHERE ${where} LIMIT ${cap}) AS x`;
}

/** The planner's estimate of the matches (from column statistics; no row is read). */
async function estimatedMatches(db: Db, where: SQL): Promise<number> {
  const [row] = rowsOf<{ 'QUERY PLAN': [{ Plan: { 'Plan Rows': number } }] | string }>(
    await db.execute(sql`EXPLAIN (FORMAT JSON) SELECT 1 FROM search_documents d WHERE ${where}`),
  );
  const plan = typeof row?.['QUERY PLAN'] === 'string' ? JSON.parse(row['QUERY PLAN']) : row?.['QUERY PLAN'];
  return Math.max(0, Number(plan?.[0]?.Plan?.['Plan Rows'] ?? 0));
}

/**
 * The matches whose sample key is below `bound` (all of them without one), read through the index bitmap:
 * how many they are and, when facets are asked for, the facet sample (the smallest sample keys among them).
 */
function boundedSampleStatement(
  facets: readonly SearchFacet[],
  where: SQL,
  bound: number | null,
  sampleSize: number,
): SQL {
  const below = bound === null ? sql`` : sql`AND d.sample_key < ${bound}`;
  if (!facets.length) {
    return sql`SELECT count(*) AS below_bound FROM search_documents d WHERE ${where} ${below}`;
  }
  return sql`
    WITH below AS MATERIALIZED (
      SELECT ${sampleKeyAndFacetColumns(facets)} FROM search_documents d WHERE ${where} ${below}
    ),
    facet_values AS MATERIALIZED (SELECT * FROM below ORDER BY sample_key LIMIT ${sampleSize})
    SELECT (SELECT count(*) FROM below) AS below_bound, ${sampleColumns(facets)}
  `;
}

/**
 * What the matches below a sample-key bound say about the total: every match when there was no bound;
 * more than `cap` when so many fell below the bound that `cap` matches would have put that many there with
 * a chance under one in a million (five standard deviations of the binomial); else nothing, and the matches
 * must be counted.
 */
export function totalFromSample(input: {
  belowBound: number;
  keyBound: number | null;
  cap: number;
}): { exact: number } | { capped: true } | null {
  if (input.keyBound === null) return { exact: input.belowBound };
  const rate = input.keyBound / SAMPLE_KEY_RANGE;
  const expectedAtCap = input.cap * rate;
  const spread = Math.sqrt(input.cap * rate * (1 - rate));
  return input.belowBound > expectedAtCap + 5 * spread ? { capped: true } : null;
}

/**
 * True when a condition is answered by a GIN index (text, skills, statuses, issuers). Such queries' facet
 * samples are read through the index bitmap, bounded by a sample key; the others (everyone visible, or only
 * location/availability) match most of the table and read their sample in sample-key order, stopping early.
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
 * to run for 10. Parallel plans are off: a search is a few milliseconds of work, and a parallel Append would
 * interleave relevance buckets. `bitmapOnly` also prices out plain index scans, for a facet sample that must
 * not walk the sample-key index while decompressing each row's filter columns. `SET LOCAL` keeps the settings
 * to this transaction.
 */
async function withIndexScans(db: Db, statement: SQL, { bitmapOnly = false } = {}) {
  return db.transaction(async (tx) => {
    await tx.execute(sql`
      SELECT set_config('enable_seqscan', 'off', true), set_config('jit', 'off', true),
        set_config('max_parallel_workers_per_gather', '0', true),
        set_config('enable_indexscan', ${bitmapOnly ? 'off' : 'on'}, true)
    `);
    return tx.execute(statement);
  });
}

/**
 * Each facet's column, and its top values among the sampled rows' `facet_values` (`LIMIT n` appended). Arrays
 * are unnested in the select list: a set-returning function there is about twice as fast as a lateral join,
 * and the skills facet unnests ~20,000 keys per 2,000 sampled candidates.
 */
const FACETS: Record<SearchFacet, { column: string; top: string }> = {
  skills: {
    column: 'skill_keys',
    // only the keys that can make the top values (ties at the cut included) are looked up in the dictionary
    top: `SELECT 'skills' AS facet, k.skill_id AS value, c.count
      FROM (
        SELECT v, count(*)::int AS count, rank() OVER (ORDER BY count(*) DESC) AS place
        FROM (SELECT unnest(skill_keys) AS v FROM facet_values) AS u GROUP BY v
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
      FROM (SELECT unnest(issuers) AS v FROM facet_values) AS u GROUP BY v ORDER BY count(*) DESC, v`,
  },
  credentialStatuses: {
    column: 'credential_statuses',
    top: `SELECT 'credentialStatuses' AS facet, v AS value, count(*)::int AS count
      FROM (SELECT unnest(credential_statuses) AS v FROM facet_values) AS u GROUP BY v ORDER BY count(*) DESC, v`,
  },
};

/**
 * `facet_values`: the sampled rows' sample keys and facet columns, from `rows` (the sample's row addresses,
 * or the query that finds it). Unused, and so never read, when no facet is asked for.
 */
function facetValuesCte(facets: readonly SearchFacet[], rows: SQL): SQL {
  return sql`facet_values AS MATERIALIZED (SELECT ${sampleKeyAndFacetColumns(facets)} ${rows})`;
}

/** `d.sample_key` and the asked facets' columns. */
function sampleKeyAndFacetColumns(facets: readonly SearchFacet[]): SQL {
  return sql.raw(['d.sample_key', ...facets.map((facet) => `d.${FACETS[facet].column}`)].join(', '));
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

/** Counting stops past the largest total shown: `maxTotalHits` and more. */
const COUNT_CAP = SEARCH_LIMITS.maxTotalHits + 1;

/** Keys are 31-bit: `hashtext(candidate_id) & 2147483647`. */
const SAMPLE_KEY_RANGE = 2 ** 31;

/**
 * How many matches a facet sample of `sampled` rows stands for: the exact total when it is known; when the
 * sample was drawn from the matches below a sample-key bound, those matches at the bound's rate (each match
 * is below it with probability bound / range); else every match when the sample is short of its size, or the
 * k-minimum-values estimate (k − 1) / (k-th key / range) of a full bottom-k sample.
 */
export function matchesRepresented(input: {
  sampled: number;
  sampleSize: number;
  exactTotal: number | null;
  maxKey: number | null;
  drawn: { below: number; keyBound: number } | null;
}): number {
  if (input.exactTotal !== null) return input.exactTotal;
  if (input.drawn) {
    return Math.max(
      input.drawn.below,
      Math.round((input.drawn.below * SAMPLE_KEY_RANGE) / input.drawn.keyBound),
    );
  }
  if (input.sampled < input.sampleSize) return input.sampled;
  const fraction = ((input.maxKey ?? SAMPLE_KEY_RANGE - 1) + 1) / SAMPLE_KEY_RANGE;
  return Math.max(input.sampled, Math.round((input.sampleSize - 1) / fraction));
}

/**
 * The sample key below which a facet sample of `sampleSize` is read through an index bitmap, or null to read
 * every match: the bound is set so that the sample size plus four standard deviations of matches fall below
 * it, and half as much again since the total is only estimated. Reading below it instead of every match keeps
 * a 30,000-match sample to the ~3,000 rows it needs.
 */
export function sampleKeyBound(input: { sampleSize: number; estimatedTotal: number }): number | null {
  const wanted = (input.sampleSize + 4 * Math.sqrt(input.sampleSize) + 20) * 1.5;
  if (input.estimatedTotal <= wanted) return null;
  return Math.max(1, Math.floor((SAMPLE_KEY_RANGE * wanted) / input.estimatedTotal));
}

/** `count` of a value among `sampled` rows, scaled to the `represented` matches. */
export function scaledFacetCount(count: number, sampled: number, represented: number): number {
  if (sampled >= represented || sampled === 0) return count;
  return Math.max(1, Math.round((count * represented) / sampled));
}

interface PageRow {
  page: string[] | string | null;
  documents: { id: string; document: CandidateSearchDocument | string }[] | string | null;
}

interface SampleRow {
  sampled: number | string | null;
  max_key: number | string | null;
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

interface CountAndSample {
  /** The matches counted up to the cap (`maxTotalHits + 1`). */
  counted: number;
  /** The facet sample's row (sampled, max_key, facets), and the matches below its key bound if it had one. */
  sample: { row: SampleRow | undefined; drawn: { below: number; keyBound: number } | null };
}

/**
 * The total and the facet sample. Queries answered by GIN indexes read their matches through index bitmaps:
 * the facet sample is the matches below a sample-key bound sized from the planner's estimate, and the count is
 * skipped when the estimate is well past the cap and the sample confirms it. The others match most of the
 * table: the count stops past the cap and the sample is read in sample-key order, stopping at its size.
 */
async function countAndSample(
  db: Db,
  query: NormalizedSearchQuery,
  where: SQL,
  { indexed, sampleSize }: { indexed: boolean; sampleSize: number },
): Promise<CountAndSample> {
  const countMatches = async () =>
    Number(
      rowsOf<{ total: number | string }>(await withIndexScans(db, countStatement(where, COUNT_CAP)))[0]
        ?.total ?? 0,
    );
  if (!indexed) {
    const [counted, sampleRows] = await Promise.all([
      countMatches(),
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
    return { counted, sample: { row: rowsOf<SampleRow>(sampleRows)[0], drawn: null } };
  }
  const estimate = await estimatedMatches(db, where);
  const keyBound = sampleKeyBound({ sampleSize, estimatedTotal: estimate });
  // an unbounded sample reads every match, and so counts them; a bounded one can show the cap is passed
  const countWanted = estimate <= 1.5 * COUNT_CAP && !(query.facets.length && keyBound === null);
  const sampleBelow = async (bound: number | null) => {
    const rows = await withIndexScans(db, boundedSampleStatement(query.facets, where, bound, sampleSize), {
      bitmapOnly: true,
    });
    const row = rowsOf<SampleRow & { below_bound: number | string }>(rows)[0];
    const below = Number(row?.below_bound ?? 0);
    return { row, below, drawn: bound === null ? null : { below, keyBound: bound } };
  };
  const [bounded, early] = await Promise.all([
    query.facets.length || !countWanted ? sampleBelow(keyBound) : Promise.resolve(null),
    countWanted ? countMatches() : Promise.resolve(null),
  ]);
  const sample = bounded ?? { row: undefined, drawn: null };
  const fromSample = bounded && totalFromSample({ belowBound: bounded.below, keyBound, cap: COUNT_CAP });
  const counted =
    early ??
    (fromSample && 'exact' in fromSample
      ? Math.min(fromSample.exact, COUNT_CAP)
      : fromSample?.capped
        ? COUNT_CAP
        : await countMatches());
  // the planner overestimated: so few match that the facets can be counted exactly, as promised
  if (query.facets.length && keyBound !== null && counted <= sampleSize) {
    return { counted, sample: await sampleBelow(null) };
  }
  return { counted, sample };
}

/**
 * The embedded search engine: a `search_documents` table in the application's own database (PostgreSQL or
 * PGlite). Full text via a weighted tsvector (skills A, headline and achievements B, name and issuers C,
 * location D), relevance in buckets from a compact vector of preferred skill labels and headline, typo
 * tolerance by correcting query words against a trigram-indexed dictionary, skill filters on GIN-indexed
 * arrays of hashed skill + ancestor ids, visibility on a GIN-indexed audience array. Page, count and facets
 * each read only what they need: the page from the head of its order, the count up to the cap, facets from
 * a sample of the matches.
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
      const text = words.length ? await textQueryOf(db, words) : null;
      const tsQuery = text ? sql`${text.anywhere}::tsquery` : null;
      const where = whereOf(query, scope, tsQuery);
      const sampleSize = Math.max(1, Math.floor(options.facetSampleSize));
      // Page, count and facet sample each stop early, and run side by side on their own connections.
      const [page, { counted, sample }] = await Promise.all([
        pageRows(db, query, scope, where, text),
        countAndSample(db, query, where, { indexed: isIndexedQuery(query, text !== null), sampleSize }),
      ]);
      const exactTotal = counted < COUNT_CAP ? counted : null;
      const row: Partial<PageRow & SampleRow> = { ...rowsOf<PageRow>(page)[0], ...sample.row };
      const parsed = <T>(value: T | string | null | undefined): T | null =>
        typeof value === 'string' ? (JSON.parse(value) as T) : (value ?? null);
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
        drawn: sample.drawn,
      });
      const facets: Partial<Record<SearchFacet, FacetValue[]>> = {};
      for (const facet of query.facets) facets[facet] = [];
      for (const [facet, value, count] of parsed(row?.facets) ?? []) {
        facets[facet]?.push({ value, count: scaledFacetCount(count, sampled, represented) });
      }
      const matchedSkillsOf = skillHighlighter(query);
      const hits = ids.flatMap((id) => {
        const document = byId.get(id);
        return document ? [{ document, matchedSkills: matchedSkillsOf(document) }] : [];
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
