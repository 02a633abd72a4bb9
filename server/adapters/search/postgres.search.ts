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
        skill_ids, skill_ancestor_keys, verified_skill_ancestor_keys, issuers, credential_statuses,
        verified_skill_count, verified_credential_count, unverified_credential_count,
        skills_text, skill_names_text, achievements_text, issuers_text, document, updated_at, indexed_at
      )
      SELECT (r->'doc'->>'id')::uuid, r->'doc'->>'displayName', r->'doc'->>'headline', r->'doc'->>'location',
        r->'doc'->>'availability', r->'doc'->>'visibility', ${arr('appliedOrganizationIds')},
        ARRAY(SELECT jsonb_array_elements_text(r->'audience')),
        ${arr('skillIds')}, ${keys('skillAncestorIds')}, ${keys('verifiedSkillAncestorIds')}, ${arr('issuers')},
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
        skill_ids = excluded.skill_ids,
        skill_ancestor_keys = excluded.skill_ancestor_keys,
        verified_skill_ancestor_keys = excluded.verified_skill_ancestor_keys, issuers = excluded.issuers,
        credential_statuses = excluded.credential_statuses, verified_skill_count = excluded.verified_skill_count,
        verified_credential_count = excluded.verified_credential_count,
        unverified_credential_count = excluded.unverified_credential_count, skills_text = excluded.skills_text,
        skill_names_text = excluded.skill_names_text,
        achievements_text = excluded.achievements_text, issuers_text = excluded.issuers_text,
        document = excluded.document, updated_at = excluded.updated_at, indexed_at = excluded.indexed_at
    `);
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
 * kept only when within the allowed edit distance. A word found verbatim in the dictionary is not corrected,
 * so an exact hit is never diluted by look-alikes.
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
    `),
  );
  const neighbours = new Map<string, string[]>();
  for (const row of rows) neighbours.set(row.word, [...(neighbours.get(row.word) ?? []), row.term]);
  for (const word of candidates) {
    const near = neighbours.get(word) ?? [];
    if (near.includes(word)) continue;
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

function orderOf(query: NormalizedSearchQuery, hasText: boolean): SQL {
  if (query.sort === 'recency') return sql`d.updated_at DESC, d.candidate_id DESC`;
  if (query.sort === 'relevance' && hasText) {
    return sql`rank DESC, d.verified_skill_count DESC, d.updated_at DESC, d.candidate_id DESC`;
  }
  return sql`d.verified_skill_count DESC, d.verified_credential_count DESC, d.updated_at DESC, d.candidate_id DESC`;
}

/**
 * Runs a search statement with sequential scans priced out. The planner does not count the cost of
 * decompressing each row's text vector, so for common words it prefers reading the whole table (100k rows,
 * ~1 s) to a bitmap of the GIN matches (tens of ms). `SET LOCAL` keeps the setting to this transaction.
 */
async function withIndexScans(db: Db, statement: SQL) {
  return db.transaction(async (tx) => {
    await tx.execute(sql`SET LOCAL enable_seqscan = off`);
    return tx.execute(statement);
  });
}

/** Each facet's values of one row, as `SELECT <facet>, <value>` branches of a lateral join. */
const FACET_VALUES: Record<SearchFacet, string> = {
  skills: "SELECT 'skills', unnest(d.skill_ids)",
  availability: "SELECT 'availability', d.availability",
  location: "SELECT 'location', d.location WHERE d.location <> ''",
  issuers: "SELECT 'issuers', unnest(d.issuers)",
  credentialStatuses: "SELECT 'credentialStatuses', unnest(d.credential_statuses)",
};

/**
 * Facet counts over the whole matching set in one pass: every matching row contributes its values of each
 * requested facet, one hash aggregate counts them, and a window keeps the top values per facet.
 */
async function facetCounts(db: Db, where: SQL, facets: readonly SearchFacet[]) {
  const result: Partial<Record<SearchFacet, FacetValue[]>> = {};
  if (!facets.length) return result;
  const rows = rowsOf<{ facet: SearchFacet; value: string; count: number | string }>(
    await withIndexScans(
      db,
      sql`
      SELECT facet, value, count FROM (
        SELECT facet, value, count, row_number() OVER (PARTITION BY facet ORDER BY count DESC, value) AS n
        FROM (
          SELECT x.facet, x.value, count(*)::int AS count
          FROM search_documents d
          CROSS JOIN LATERAL (${sql.raw(facets.map((facet) => FACET_VALUES[facet]).join(' UNION ALL '))}) AS x(facet, value)
          WHERE ${where}
          GROUP BY x.facet, x.value
        ) AS counted
      ) AS ranked
      WHERE n <= ${SEARCH_LIMITS.facetValues}
      ORDER BY facet, count DESC, value
    `,
    ),
  );
  for (const facet of facets) result[facet] = [];
  for (const row of rows) result[row.facet]?.push({ value: row.value, count: Number(row.count) });
  return result;
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
export function createPostgresSearchIndex(db: Db): SearchIndex {
  return {
    kind: 'postgres',
    async ensureSettings() {
      // Table, indexes and dictionary come from migrations; verify they exist so a missing migration fails at
      // start rather than on the first search.
      await db.execute(sql`SELECT 1 FROM search_documents LIMIT 1`);
      await db.execute(sql`SELECT 1 FROM search_terms LIMIT 1`);
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
      const rank = tsQuery ? sql`ts_rank(d.rank_fts, ${tsQuery})` : sql`0`;
      // Page, count and facets are separate narrow queries (run concurrently on a pool): carrying the wide
      // document through a window count over every match costs more than counting again from the index.
      const pageQuery = withIndexScans(
        db,
        sql`
          SELECT d.candidate_id::text AS id, ${rank} AS rank
          FROM search_documents d
          WHERE ${where}
          ORDER BY ${orderOf(query, tsQuery !== null)}
          LIMIT ${query.pageSize} OFFSET ${query.offset}
        `,
      );
      const countQuery = async (pageLength: number) => {
        if (pageLength > 0 && pageLength < query.pageSize) return query.offset + pageLength;
        if (pageLength === 0 && query.offset === 0) return 0;
        // An exact count from the bitmap of matches: a `LIMIT cap` subquery looks cheaper to the planner,
        // which then scans the table in order and decompresses every row's text vector (0.5 s at 100k).
        const [row] = rowsOf<{ total: number | string }>(
          await withIndexScans(db, sql`SELECT count(*) AS total FROM search_documents d WHERE ${where}`),
        );
        return Number(row?.total ?? 0);
      };
      const [pageResult, facets] = await Promise.all([pageQuery, facetCounts(db, where, query.facets)]);
      const ids = rowsOf<{ id: string }>(pageResult).map((row) => row.id);
      const [counted, documentRows] = await Promise.all([
        countQuery(ids.length),
        ids.length
          ? db.execute(sql`
              SELECT candidate_id::text AS id, document FROM search_documents
              WHERE candidate_id = ANY(${pgTextArray(ids)}::uuid[])
            `)
          : Promise.resolve([]),
      ]);
      const byId = new Map(
        rowsOf<{ id: string; document: CandidateSearchDocument | string }>(documentRows).map((row) => [
          row.id,
          (typeof row.document === 'string'
            ? JSON.parse(row.document)
            : row.document) as CandidateSearchDocument,
        ]),
      );
      const hits = ids.flatMap((id) => {
        const document = byId.get(id);
        return document ? [{ document, matchedSkills: matchedSkillsOf(document, query) }] : [];
      });
      const totalCapped = counted > SEARCH_LIMITS.maxTotalHits;
      const total = Math.min(counted, SEARCH_LIMITS.maxTotalHits);
      return searchResultPage(query, { hits, total, totalCapped, facets });
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
